using Retrieval.Search;

namespace Retrieval.Tests.Search;

/// <summary>Evidence fusion, the default hybrid ranking: the vector score plus what each piece of keyword evidence is worth.</summary>
public sealed class EvidenceFusionTests
{
    private static readonly SearchOptions Defaults = new();

    private static KeywordEvidence Evidence(
        Dictionary<long, double>? text = null, Dictionary<long, double>? names = null, Dictionary<long, (double, string)>? tags = null, Dictionary<long, double>? read = null) =>
        new(text ?? new(), names ?? new(), tags ?? new()) { Read = read ?? new() };

    [Fact]
    public void EachPieceOfEvidence_AddsItsWeightTimesItsStrength()
    {
        var vector = new Dictionary<long, double> { [1] = 0.30, [2] = 0.25, [3] = 0.10 };
        var keywords = Evidence(text: new() { [2] = 20, [3] = 5 }, names: new() { [3] = 0.5 }, tags: new() { [1] = (0.9, "dog") }, read: new() { [1] = 1.0 });

        var fused = EvidenceFusion.Fuse(vector, keywords, Defaults);

        // 1: the text read in it holds every query word (0.5 x 1); its tag weighs nothing by default.
        // 2: the best caption match (0.2 x 20/20). 3: a caption match a quarter as strong, and a name holding half the words.
        Assert.Equal([1L, 2L, 3L], fused.Select(f => f.Id));
        Assert.Equal(0.30 + 0.5, fused[0].Score, 12);
        Assert.Equal(0.25 + 0.2, fused[1].Score, 12);
        Assert.Equal(0.10 + (0.2 * 5 / 20) + (0.5 * 0.5), fused[2].Score, 12);
        Assert.All(fused, f => Assert.Equal(vector[f.Id] + EvidenceFusion.Bonus(f.Id, keywords, Defaults), f.Score, 12));
    }

    [Fact]
    public void AKeywordMatchThatOutweighsTheModel_RanksFirst()
    {
        var vector = new Dictionary<long, double> { [1] = 0.35, [2] = 0.30 };
        var fused = EvidenceFusion.Fuse(vector, Evidence(names: new() { [2] = 1.0 }), Defaults);
        Assert.Equal([2L, 1L], fused.Select(f => f.Id));
    }

    [Fact]
    public void ASingleWeakCaptionMatch_IsTakenAgainstTheFloor_NotAsTheBest()
    {
        var keywords = Evidence(text: new() { [1] = 2 });
        Assert.Equal(0.2 * 2 / Defaults.TextScoreFloor, EvidenceFusion.Bonus(1, keywords, Defaults), 12);
        // Above the floor, the best match counts in full.
        Assert.Equal(0.2, EvidenceFusion.Bonus(1, Evidence(text: new() { [1] = 25 }), Defaults), 12);
    }

    [Fact]
    public void TheTagWeight_CountsATagsProbability_WhenSet()
    {
        var keywords = Evidence(tags: new() { [1] = (0.8, "beach") });
        Assert.Equal(0.0, EvidenceFusion.Bonus(1, keywords, Defaults));
        Assert.Equal(0.25 * 0.8, EvidenceFusion.Bonus(1, keywords, new SearchOptions { TagWeight = 0.25 }), 12);
    }

    [Fact]
    public void OnlyPhotosWithAVectorScore_AreRanked_TiesById()
    {
        var vector = new Dictionary<long, double> { [9] = 0.4, [4] = 0.4 };
        var fused = EvidenceFusion.Fuse(vector, Evidence(names: new() { [7] = 1.0 }), Defaults);
        Assert.Equal([4L, 9L], fused.Select(f => f.Id));
        Assert.All(fused, f => Assert.Equal(0.4, f.Score));
    }

    [Fact]
    public void WithoutKeywordEvidence_TheRankingIsTheVectors()
    {
        var vector = new Dictionary<long, double> { [1] = 0.1, [2] = 0.7, [3] = -0.2 };
        var fused = EvidenceFusion.Fuse(vector, KeywordEvidence.None, Defaults);
        Assert.Equal([(2L, 0.7), (1L, 0.1), (3L, -0.2)], fused);
    }
}
