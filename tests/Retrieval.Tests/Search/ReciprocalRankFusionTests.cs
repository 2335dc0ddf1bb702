using Retrieval.Search;

namespace Retrieval.Tests.Search;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_SumsOneOverSixtyPlusRank()
    {
        var fused = ReciprocalRankFusion.Fuse([10, 20, 30], [30, 40]);
        var scores = fused.ToDictionary(f => f.Id, f => f.Score);
        Assert.Equal((1.0 / 63) + (1.0 / 61), scores[30], 12);
        Assert.Equal(1.0 / 61, scores[10], 12);
        Assert.Equal(1.0 / 62, scores[20], 12);
        Assert.Equal(1.0 / 62, scores[40], 12);
        Assert.Equal([30L, 10L, 20L, 40L], fused.Select(f => f.Id)); // ties by id
    }
}
