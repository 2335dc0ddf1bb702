using Retrieval.Search;

namespace Retrieval.Tests.Search;

/// <summary>Where results stop without a <c>min_score</c>: relative to the best vector and keyword scores.</summary>
public sealed class AdaptiveCutTests
{
    private static List<(long Id, double Score)> Ranked(Dictionary<long, double> scores) =>
        [.. scores.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value))];

    [Fact]
    public void AResultStays_ByItsVectorScore_OrAsAStrongKeywordHit_InOrder()
    {
        var vector = new Dictionary<long, double> { [1] = 0.9, [2] = 0.5, [3] = 0.40, [4] = 0.1, [5] = 0.05 };
        var keyword = new Dictionary<long, double> { [4] = 10, [3] = 4, [5] = 5 };

        var kept = AdaptiveCut.Apply(Ranked(vector), vector, keyword, 0.48);

        // 0.48 x 0.9 = 0.432: 1 and 2 by their vectors; 3 neither (0.40, and 4 < 10 / 2); 4 and 5 as keyword hits of at least half the best.
        Assert.Equal([1L, 2L, 4L, 5L], kept.Select(k => k.Id));
        Assert.Equal(Ranked(vector).Where(r => r.Id != 3), kept);
    }

    [Fact]
    public void AScoreExactlyAtTheRatio_Stays()
    {
        var vector = new Dictionary<long, double> { [1] = 1.0, [2] = 0.5, [3] = 0.4999 };
        Assert.Equal([1L, 2L], AdaptiveCut.Apply(Ranked(vector), vector, new Dictionary<long, double>(), 0.5).Select(k => k.Id));
    }

    [Fact]
    public void WithoutKeywordScores_OnlyTheVectorRuleCuts()
    {
        var vector = new Dictionary<long, double> { [1] = 0.8, [2] = 0.2 };
        Assert.Equal([1L], AdaptiveCut.Apply(Ranked(vector), vector, new Dictionary<long, double>(), 0.48).Select(k => k.Id));
    }

    [Fact]
    public void NoPositiveBestVectorScore_CutsNothing()
    {
        var vector = new Dictionary<long, double> { [1] = -0.1, [2] = -0.9 };
        var ranked = Ranked(vector);
        Assert.Equal(ranked, AdaptiveCut.Apply(ranked, vector, new Dictionary<long, double>(), 0.48));
        // A keyword-only ranking has no vector scores at all.
        List<(long, double)> keywordOnly = [(3, 12.0), (4, 0.5)];
        Assert.Equal(keywordOnly, AdaptiveCut.Apply(keywordOnly, new Dictionary<long, double>(), new Dictionary<long, double> { [3] = 12, [4] = 0.5 }, 0.48));
    }

    [Fact]
    public void TheRankedScores_AreKeptAsTheyCame()
    {
        // In hybrid the ranked score is the fused one; the cut reads the vector scores beside it and changes neither.
        var vector = new Dictionary<long, double> { [1] = 0.6, [2] = 0.5 };
        List<(long, double)> fused = [(2, 1.7), (1, 0.6)];
        Assert.Equal(fused, AdaptiveCut.Apply(fused, vector, new Dictionary<long, double>(), 0.48));
    }
}
