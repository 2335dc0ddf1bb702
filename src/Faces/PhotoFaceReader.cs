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
public sealed class PhotoFaceReader : IDisposable
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

    /// <summary>The identity of the descriptors it makes (the models' fingerprint).</summary>
    public string ModelId { get; }

    /// <summary>How many numbers describe a face (128).</summary>
    public int Dimension => _descriptor.Dimension;

    /// <summary>The side of the square the detector sees the whole photo in (512).</summary>
    public static int DetectorSide => RegionTensor.MaxSize;

    /// <summary>The most frames of one video searched for faces (<see cref="FaceOptions.MaxVideoFrames"/>).</summary>
    public int MaxVideoFrames => _options.MaxVideoFrames;

    /// <summary>The faces in <paramref name="image"/>, the largest first, in its full-size pixels; none when it holds none.</summary>
    /// <exception cref="Errors.InferenceException">ONNX Runtime failed.</exception>
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
        return [.. described.Select((face, d) => new Face(ToFull(image, faces[face].Box), faces[face].Score, [.. points[face].Select(p => ToFull(image, p))], descriptors[d]))];
    }

    public void Dispose()
    {
        _detector.Dispose();
        _landmarks.Dispose();
        _descriptor.Dispose();
    }

    private static FaceBox Box(PixelRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);

    private static FaceBox ToFull(RgbaImage image, FaceBox box)
    {
        var corner = ToFull(image, new FacePoint(box.X, box.Y));
        return new FaceBox(corner.X, corner.Y, box.Width * image.Reduction, box.Height * image.Reduction);
    }

    private static FacePoint ToFull(RgbaImage image, FacePoint point) =>
        new((point.X - image.OriginX) * image.Reduction, (point.Y - image.OriginY) * image.Reduction);
}
