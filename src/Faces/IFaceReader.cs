using Retrieval.Imaging;

namespace Retrieval.Faces;

/// <summary>
/// A face model pipeline the <see cref="FaceAnalyzer"/> runs: the bundled face-api models (<see cref="PhotoFaceReader"/>)
/// or an immich face pack, insightface's SCRFD detector and ArcFace recognizer (<see cref="InsightFaceReader"/>).
/// <see cref="FaceReaders.Open"/> picks one by the folder's layout. Thread-safe: the graphs are shared.
/// </summary>
public interface IFaceReader : IDisposable
{
    /// <summary>The identity of the descriptors it makes (the models' fingerprint: "face-api@…", "buffalo_l@…").</summary>
    string ModelId { get; }

    /// <summary>How many numbers describe a face (128 for face-api, 512 for ArcFace).</summary>
    int Dimension { get; }

    /// <summary>The side of the square the detector sees the whole photo in; the photo is decoded to at least this.</summary>
    int DetectorSide { get; }

    /// <summary>The most frames of one video searched for faces (<see cref="FaceOptions.MaxVideoFrames"/>).</summary>
    int MaxVideoFrames { get; }

    /// <summary>The faces in <paramref name="image"/>, the largest first, in its full-size pixels; none when it holds none.</summary>
    /// <exception cref="Errors.InferenceException">ONNX Runtime failed.</exception>
    IReadOnlyList<Face> Read(RgbaImage image, CancellationToken cancellationToken = default);
}
