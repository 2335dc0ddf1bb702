using System.Numerics.Tensors;

namespace Retrieval.Faces;

/// <summary>
/// How a face model's descriptors are compared: the distance between two faces and the distance below which they are
/// one person. The <c>faces</c> collection keeps each descriptor at unit length with its own length in the payload
/// (<see cref="FaceItem.DescriptorNorm"/>), so both kinds of model are served from what is stored.
/// </summary>
/// <param name="Name">What the distance is ("euclidean", "cosine"), for messages and reports.</param>
/// <param name="SamePersonBelow">Two faces closer than this are judged the same person.</param>
/// <param name="Euclidean">
/// True: the Euclidean distance of the descriptors as the net gave them (dlib's, for face-api: one person below 0.6);
/// false: the cosine distance, 1 − cos (ArcFace's, for immich's packs: one person below 0.5, immich's default).
/// </param>
public sealed record FaceMetric(string Name, float SamePersonBelow, bool Euclidean)
{
    /// <summary>dlib's descriptor (face-api): Euclidean, one person below 0.6.</summary>
    public static FaceMetric Dlib { get; } = new("euclidean", 0.6f, Euclidean: true);

    /// <summary>ArcFace's embedding (immich's buffalo_l, antelopev2): cosine distance, one person below 0.5.</summary>
    public static FaceMetric ArcFace { get; } = new("cosine", 0.5f, Euclidean: false);

    /// <summary>
    /// The metric of the face model whose collection fingerprint is <paramref name="modelId"/> ("face-api@…" is dlib's;
    /// every other face model the engine loads is an ArcFace-style recognizer).
    /// </summary>
    public static FaceMetric ForModel(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return modelId.StartsWith("face-api@", StringComparison.Ordinal) ? Dlib : ArcFace;
    }

    /// <summary>This metric with <paramref name="distance"/> ("euclidean" or "cosine") and <paramref name="samePersonBelow"/> in place of its own, where given.</summary>
    public FaceMetric With(string? distance, double? samePersonBelow)
    {
        var euclidean = distance is null ? Euclidean : distance == Dlib.Name;
        return new FaceMetric(euclidean ? Dlib.Name : ArcFace.Name,
            samePersonBelow is { } below ? (float)below : distance is null ? SamePersonBelow : euclidean ? Dlib.SamePersonBelow : ArcFace.SamePersonBelow, euclidean);
    }

    /// <summary>
    /// The distance between two stored faces: unit-length descriptors <paramref name="a"/> and <paramref name="b"/> whose
    /// lengths as the net gave them were <paramref name="normA"/> and <paramref name="normB"/>.
    /// </summary>
    public float Distance(ReadOnlySpan<float> a, float normA, ReadOnlySpan<float> b, float normB)
    {
        var cosine = TensorPrimitives.Dot(a, b);
        return Euclidean
            ? MathF.Sqrt(MathF.Max(0, (normA * normA) + (normB * normB) - (2 * normA * normB * cosine)))
            : 1 - cosine;
    }
}
