using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// Finds the faces in a photo with an immich face pack, as immich's machine-learning service does with insightface
/// (the executable spec is <c>tools/faces/insightface.mjs</c>): SCRFD's faces and five key points, each face aligned
/// by its key points and described by ArcFace, a photo's faces batched. Faces smaller than
/// <see cref="FaceOptions.MinFaceSize"/> are skipped and at most <see cref="FaceOptions.MaxFacesPerPhoto"/> kept, the
/// largest first. A face keeps its five key points as its <see cref="Face.Landmarks"/>. Thread-safe: the graphs are shared.
/// </summary>
public sealed class InsightFaceReader : IFaceReader
{
    private readonly FaceOptions _options;
    private readonly ScrfdDetector _detector;
    private readonly ArcFaceRecognizer _recognizer;

    private InsightFaceReader(FaceOptions options, ScrfdDetector detector, ArcFaceRecognizer recognizer, string modelId)
    {
        _options = options;
        _detector = detector;
        _recognizer = recognizer;
        ModelId = modelId;
    }

    /// <summary>Loads <paramref name="models"/> on the device and threads <paramref name="model"/> gives.</summary>
    /// <exception cref="Errors.ModelLoadException">A graph is missing, does not load, or is not SCRFD's or ArcFace's shape.</exception>
    public static InsightFaceReader Open(InsightFaceModels models, ModelOptions model, FaceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var detector = ScrfdDetector.Open(models.Detector, model, logger);
        try
        {
            return new InsightFaceReader(options, detector, ArcFaceRecognizer.Open(models.Recognizer, model, logger), models.Fingerprint());
        }
        catch
        {
            detector.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimension => _recognizer.Dimension;

    /// <inheritdoc />
    public int DetectorSide => _detector.Size;

    /// <inheritdoc />
    public int MaxVideoFrames => _options.MaxVideoFrames;

    /// <inheritdoc />
    public IReadOnlyList<Face> Read(RgbaImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Sizes are judged in the photo's own pixels: a reduced decode's boxes are Reduction times smaller.
        var faces = _detector.Detect(image, cancellationToken)
            .Where(f => f.Box.ShortSide * image.Reduction >= _options.MinFaceSize)
            .OrderByDescending(f => f.Box.Area)
            .Take(_options.MaxFacesPerPhoto)
            .ToList();
        if (faces.Count == 0)
        {
            return [];
        }

        var embeddings = _recognizer.Describe(image, [.. faces.Select(f => f.Points)], cancellationToken);
        return [.. faces.Select((f, i) => new Face(FullPixels.Of(image, f.Box), f.Score, [.. f.Points.Select(p => FullPixels.Of(image, p))], embeddings[i]))];
    }

    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
    }
}
