using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// Finds the faces in a photo with face-api's pipeline (the executable spec is <c>tools/faces/pipeline.mjs</c>):
/// detection, 68 landmarks on each face, face-api's alignment box, dlib's descriptor — the landmarks and descriptors of a
/// photo's faces batched. Faces smaller than <see cref="FaceOptions.MinFaceSize"/> are skipped and at most
/// <see cref="FaceOptions.MaxFacesPerPhoto"/> kept, the largest first. Thread-safe: the graphs are shared.
/// </summary>
public sealed class PhotoFaceReader : IFaceReader
{
    private readonly FaceOptions _options;
    private readonly FaceDetector _detector;
    private readonly FaceLandmarks _landmarks;
    private readonly FaceDescriptor _descriptor;

    private PhotoFaceReader(FaceOptions options, FaceDetector detector, FaceLandmarks landmarks, FaceDescriptor descriptor, string modelId)
    {
        _options = options;
        _detector = detector;
        _landmarks = landmarks;
        _descriptor = descriptor;
        ModelId = modelId;
    }

    /// <summary>Loads <paramref name="models"/> on the device and threads <paramref name="model"/> gives.</summary>
    /// <exception cref="Errors.ModelLoadException">A model file is missing or does not load.</exception>
    public static PhotoFaceReader Open(FaceModels models, ModelOptions model, FaceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var detector = FaceDetector.Open(models, model, logger);
        FaceLandmarks? landmarks = null;
        try
        {
            landmarks = FaceLandmarks.Open(models, model, logger);
            return new PhotoFaceReader(options, detector, landmarks, FaceDescriptor.Open(models, model, logger), models.Fingerprint());
        }
        catch
        {
            detector.Dispose();
            landmarks?.Dispose();
            throw;
        }
    }

    /// <summary>The side of the square face-api's detector sees the whole photo in (512).</summary>
    public const int Side = RegionTensor.MaxSize;

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimension => _descriptor.Dimension;

    /// <inheritdoc />
    public int DetectorSide => Side;

    /// <inheritdoc />
    public int MaxVideoFrames => _options.MaxVideoFrames;

    /// <inheritdoc />
    public IReadOnlyList<Face> Read(RgbaImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = (image.Width, image.Height);
        // Sizes are judged in the photo's own pixels: a reduced decode's boxes are Reduction times smaller.
        var faces = _detector.Detect(image, cancellationToken)
            .Where(f => f.Box.ShortSide * image.Reduction >= _options.MinFaceSize)
            .OrderByDescending(f => f.Box.Area)
            .Take(_options.MaxFacesPerPhoto)
            .Select(f => (f.Box, f.Score, Crop: FaceLandmarks.CropOf(f.Box, width, height)))
            .Where(f => !f.Crop.IsEmpty)
            .ToList();
        if (faces.Count == 0)
        {
            return [];
        }

        var points = _landmarks.Locate(image, [.. faces.Select(f => (f.Box, f.Crop))], cancellationToken);
        var aligned = faces.Select((f, i) => PixelRect.ClipAtImageBorders(Box(FaceAlignment.DlibBox(points[i], f.Crop)), width, height)).ToList();
        var described = Enumerable.Range(0, faces.Count).Where(i => !aligned[i].IsEmpty).ToList();
        var descriptors = _descriptor.Describe(image, [.. described.Select(i => aligned[i])], cancellationToken);
        return [.. described.Select((face, d) => new Face(FullPixels.Of(image, faces[face].Box), faces[face].Score, [.. points[face].Select(p => FullPixels.Of(image, p))], descriptors[d]))];
    }

    public void Dispose()
    {
        _detector.Dispose();
        _landmarks.Dispose();
        _descriptor.Dispose();
    }

    private static FaceBox Box(PixelRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);
}
