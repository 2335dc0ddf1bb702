using Retrieval.Search;

namespace Retrieval.Tests.Search;

/// <summary>Fusion by weighted scores: alpha times the min-max normalised vector score plus (1 - alpha) times the keyword score over the best.</summary>
public sealed class WeightedFusionTests
{
    [Fact]
    public void TheScores_AreWeighedAfterNormalising()
    {
        var fused = WeightedFusion.Fuse([(1, 0.9), (2, 0.5), (3, 0.1)], [(3, 8), (4, 4)], alpha: 0.6);
        var scores = fused.ToDictionary(f => f.Id, f => f.Score);
        // Vectors min-max: 1, 0.5, 0; keywords over the best: 1, 0.5.
        Assert.Equal(0.6, scores[1], 12);
        Assert.Equal(0.6 * 0.5, scores[2], 12);
        Assert.Equal(0.4, scores[3], 12);
        Assert.Equal(0.4 * 0.5, scores[4], 12);
        Assert.Equal([1L, 3L, 2L, 4L], fused.Select(f => f.Id));
    }

    [Fact]
    public void NegativeCosines_AreMinMaxed_KeywordScoresAreNot()
    {
        var vectorOnly = WeightedFusion.Fuse([(1, -0.1), (2, -0.3), (3, -0.2)], [], alpha: 1).ToDictionary(f => f.Id, f => f.Score);
        Assert.Equal(1.0, vectorOnly[1], 12);
        Assert.Equal(0.0, vectorOnly[2], 12);
        Assert.Equal(0.5, vectorOnly[3], 12);

        // BM25 over the best: the weakest keyword hit still counts, unlike the weakest vector.
        var keywordOnly = WeightedFusion.Fuse([], [(1, 10), (2, 5)], alpha: 0).ToDictionary(f => f.Id, f => f.Score);
        Assert.Equal(1.0, keywordOnly[1], 12);
        Assert.Equal(0.5, keywordOnly[2], 12);
    }

    [Fact]
    public void OneCandidateOrAllEqual_CountsAsTheBest()
    {
        Assert.Equal([(7L, 0.3)], WeightedFusion.Fuse([(7, -0.4)], [], alpha: 0.3));
        var fused = WeightedFusion.Fuse([(5, 0.2), (4, 0.2)], [], alpha: 0.5);
        Assert.Equal([(4L, 0.5), (5L, 0.5)], fused); // ties by id
    }

    [Fact]
    public void AlphaAtEitherEnd_KeepsTheOtherRankingsCandidates_AtZero()
    {
        var fused = WeightedFusion.Fuse([(1, 0.9), (2, 0.1)], [(3, 4)], alpha: 1);
        Assert.Equal([(1L, 1.0), (2L, 0.0), (3L, 0.0)], fused);
    }

    [Fact]
    public void NoCandidates_NoResults() => Assert.Empty(WeightedFusion.Fuse([], [], alpha: 0.5));
}
