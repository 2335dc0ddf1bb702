using Retrieval.Faces;

namespace Retrieval.Tests.Faces;

/// <summary>
/// The C# SCRFD + ArcFace pipeline on the immich-layout replica gives the answers of insightface's pipeline run on ONNX
/// Runtime directly (<c>tools/faces/insightface.mjs</c>, written by <c>tests/faces-set/immich_reference.py</c>) on every
/// file of the face set: the same faces, each box and key point within a pixel, the same score, the embedding at cosine
/// 0.999 or more.
/// </summary>
public sealed class InsightFaceReferenceTests : IDisposable
{
    private readonly InsightFaceReader _reader = ImmichReplica.OpenReader();

    public static TheoryData<string> Files => [.. ImmichReplica.Reference.Keys];

    public void Dispose() => _reader.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFaceTheReferenceFinds_IsFound_WithItsBoxKeyPointsAndEmbedding(string file)
    {
        using var image = FaceSet.Decode(file);
        var faces = _reader.Read(image, TestContext.Current.CancellationToken);
        var reference = ImmichReplica.Reference[file];

        Assert.Equal(reference.Count, faces.Count);
        var (worstBox, worstCosine) = (0.0, 1.0);
        foreach (var expected in reference)
        {
            var found = faces.MinBy(f => FaceSet.Offset(f.Box, expected.Box))!;
            Assert.True(FaceSet.Offset(found.Box, expected.Box) <= 1, $"{file}: box {found.Box} where the reference has {expected.Box}");
            Assert.Equal(expected.Score, found.Score, 0.001f);
            Assert.Equal(FaceItem.KeyPointCount, found.Landmarks.Count);
            var points = found.Landmarks.Zip(expected.Points, (a, b) => Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y))).Max();
            Assert.True(points <= 1, $"{file}: a key point of the face at {expected.Box} is {points:0.###} px from the reference's");
            Assert.Equal(expected.Embedding.Length, found.Descriptor.Length);
            var cosine = FaceSet.Cosine(found.Descriptor, expected.Embedding);
            Assert.True(cosine >= 0.999, $"{file}: the embedding of the face at {expected.Box} has cosine {cosine:0.######} with the reference's");
            (worstBox, worstCosine) = (Math.Max(worstBox, FaceSet.Offset(found.Box, expected.Box)), Math.Min(worstCosine, cosine));
        }

        TestContext.Current.SendDiagnosticMessage($"{file}: {faces.Count} faces, largest box difference {worstBox:0.######} px, lowest embedding cosine {worstCosine:0.######}");
    }

    [Fact]
    public void TheReplica_IsReadAsAnArcFacePack_WithItsOwnFingerprint()
    {
        Assert.StartsWith("buffalo_l-replica@", _reader.ModelId, StringComparison.Ordinal);
        Assert.Equal(FaceMetric.ArcFace, FaceMetric.ForModel(_reader.ModelId));
        Assert.Equal(512, _reader.Dimension);
        Assert.Equal(640, _reader.DetectorSide);
    }
}
