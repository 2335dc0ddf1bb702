using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// The face models shipped beside the program (the repository's <c>data/models/faces/face-api</c>, see its README):
/// face-api.js's SSD MobileNetV1 face detector, its 68-point landmark net and dlib's ResNet face descriptor, as ONNX.
/// </summary>
public sealed record FaceModels(string Folder)
{
    /// <summary>The bundled models.</summary>
    public static FaceModels Bundled { get; } = new(Path.Combine(AppContext.BaseDirectory, "models", "faces", "face-api"));

    /// <summary>The detector: [N, 512, 512, 3] in, boxes and scores of 5,118 anchors out.</summary>
    public string Detector => Path.Combine(Folder, "detection", "model.onnx");

    /// <summary>The landmark net: [N, 112, 112, 3] in, 68 points relative to its square out.</summary>
    public string Landmarks => Path.Combine(Folder, "landmarks", "model.onnx");

    /// <summary>The descriptor net: [N, 150, 150, 3] in, a 128-long descriptor out.</summary>
    public string Recognizer => Path.Combine(Folder, "recognition", "model.onnx");

    /// <summary>The identity of the descriptors these models make, as the <c>faces</c> collection records it ("face-api@hash").</summary>
    public string Fingerprint() => ModelFingerprint.OfFiles(Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder)), [Detector, Landmarks, Recognizer]);
}
