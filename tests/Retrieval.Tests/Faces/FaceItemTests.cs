using Retrieval.Faces;

namespace Retrieval.Tests.Faces;

/// <summary>A face's payload in the <c>faces</c> collection: what it keeps of a face, read back, and what it refuses.</summary>
public sealed class FaceItemTests
{
    private static readonly Face Sample = new(new FaceBox(20.62, 21.4, 128.9, 114.21), 0.811822f,
        [.. Enumerable.Range(0, 68).Select(i => new FacePoint(100 + i, 200 + (i * 0.5)))], [.. Enumerable.Repeat(0.5f, 128)]);

    [Fact]
    public void AFace_KeepsItsBoxScoreKeyPointsAndDescriptorLength_ToATenthOfAPixel()
    {
        var item = FaceItem.Of(Sample);
        var payload = item.ToPayload();
        Assert.Equal(
            """{"box":[20.6,21.4,128.9,114.2],"score":0.8118,"points":[[138.5,219.2],[144.5,222.2],[130,215],[148,224],[154,227]],"norm":5.6569}""",
            payload);

        var read = FaceItem.FromPayload(payload)!;
        Assert.Equal(new FaceBox(20.6, 21.4, 128.9, 114.2), read.Box);
        Assert.Equal(0.8118f, read.Score);
        Assert.Equal([new FacePoint(138.5, 219.2), new FacePoint(144.5, 222.2), new FacePoint(130, 215), new FacePoint(148, 224), new FacePoint(154, 227)], read.KeyPoints);
        Assert.Equal(5.6569f, read.DescriptorNorm);
        Assert.Null(read.At);
    }

    [Fact]
    public void AVideosFace_KeepsItsTime()
    {
        var read = FaceItem.FromPayload(FaceItem.Of(Sample, at: 12.48).ToPayload())!;
        Assert.Equal(12.48, read.At);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12.48")]
    [InlineData("a red kite")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"box":[1,2,3],"score":0.9,"points":[[1,2],[1,2],[1,2],[1,2],[1,2]],"norm":1}""")]
    [InlineData("""{"box":[1,2,3,4],"score":0.9,"points":[[1,2],[1,2]],"norm":1}""")]
    [InlineData("""{"box":[1,2,3,4],"score":"high","points":[[1,2],[1,2],[1,2],[1,2],[1,2]],"norm":1}""")]
    [InlineData("""{"box":[1,2,3,4],"score":0.9,"points":[[1,2],[1,2],[1,2],[1,2],[1,"x"]],"norm":1}""")]
    [InlineData("""{"box":[1,2,3,4],"score":0.9,"points":[[1,2],[1,2],[1,2],[1,2],[1,2]],"norm":1,"at":"soon"}""")]
    public void APayloadThatIsNoFace_IsNone(string? payload) => Assert.Null(FaceItem.FromPayload(payload));
}
