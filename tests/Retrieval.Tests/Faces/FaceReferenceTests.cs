using Retrieval.Faces;

namespace Retrieval.Tests.Faces;

/// <summary>
/// The C# pipeline over the converted models gives the original's answers (face-api 1.7.15 on TensorFlow.js, run by
/// <c>tests/faces-set/build.py</c>) on every file of the set: the same faces, each box within a pixel, its landmarks within
/// a pixel, its descriptor at cosine 0.999 or more.
/// </summary>
public sealed class FaceReferenceTests : IDisposable
{
    private readonly PhotoFaceReader _reader = FaceSet.OpenReader();

    public static TheoryData<string> Files => FaceSet.Files;

    public void Dispose() => _reader.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFaceTheOriginalFinds_IsFound_WithItsBoxLandmarksAndDescriptor(string file)
    {
        using var image = FaceSet.Decode(file);
        var faces = _reader.Read(image, TestContext.Current.CancellationToken);
        var reference = FaceSet.Reference[file];

        Assert.Equal(reference.Count, faces.Count);
        var (worstBox, worstCosine) = (0.0, 1.0);
        foreach (var expected in reference)
        {
            var found = faces.MinBy(f => FaceSet.Offset(f.Box, expected.Box))!;
            Assert.True(FaceSet.Offset(found.Box, expected.Box) <= 1, $"{file}: box {found.Box} where the original has {expected.Box}");
            Assert.Equal(expected.Score, found.Score, 0.01f);
            var landmarks = found.Landmarks.Zip(expected.Landmarks, (a, b) => Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y))).Max();
            Assert.True(landmarks <= 1, $"{file}: a landmark of the face at {expected.Box} is {landmarks:0.###} px from the original's");
            var cosine = FaceSet.Cosine(found.Descriptor, expected.Descriptor);
            Assert.True(cosine >= 0.999, $"{file}: the descriptor of the face at {expected.Box} has cosine {cosine:0.######} with the original's");
            (worstBox, worstCosine) = (Math.Max(worstBox, FaceSet.Offset(found.Box, expected.Box)), Math.Min(worstCosine, cosine));
        }

        TestContext.Current.SendDiagnosticMessage($"{file}: {faces.Count} faces, largest box difference {worstBox:0.####} px, lowest descriptor cosine {worstCosine:0.######}");
    }
}
