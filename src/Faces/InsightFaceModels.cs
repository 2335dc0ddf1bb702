using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// An immich face pack (<see cref="FaceModelLayout"/>): insightface's SCRFD detector and an ArcFace recognizer, as ONNX —
/// buffalo_l (det_10g + w600k_r50), antelopev2 (scrfd_10g_bnkps + glintr100), or the replica
/// <c>tools/faces/immich_replica.py</c> builds.
/// </summary>
public sealed record InsightFaceModels(string Folder)
{
    /// <summary>The detector: [1, 3, H, W] in, nine outputs (scores, boxes, key points for strides 8, 16, 32).</summary>
    public string Detector => Path.Combine(Folder, FaceModelLayout.Detection);

    /// <summary>The recognizer: [N, 3, 112, 112] in, [N, D] out.</summary>
    public string Recognizer => Path.Combine(Folder, FaceModelLayout.Recognition);

    /// <summary>
    /// The identity of the embeddings these models make, as the <c>faces</c> collection records it ("buffalo_l@hash"): never
    /// "face-api@…", which <see cref="FaceMetric.ForModel"/> reads as dlib's descriptor.
    /// </summary>
    public string Fingerprint()
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder));
        return ModelFingerprint.OfFiles(name.StartsWith("face-api", StringComparison.Ordinal) ? "insightface-" + name : name, [Detector, Recognizer]);
    }
}
