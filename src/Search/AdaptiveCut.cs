namespace Retrieval.Search;

/// <summary>
/// Where results stop when no <c>min_score</c> is given: the tail whose scores show no more matches is dropped.
/// A result stays when its vector score is at least <c>ratio</c> times the best vector score among the results
/// (<see cref="SearchOptions.AdaptiveCutRatio"/>, 0.48), or when it is a keyword hit scoring at least half the
/// best keyword score (in hybrid, the fused score stands for the vector score, and keyword evidence is part of it). Keyword-only searches, searches whose best vector score is not positive, and searches by
/// an image alone (see <see cref="SearchRequest.MinScore"/>) are not cut.
/// Relative to the best, because score levels differ between models and between queries. With the default
/// model on Flickr8k dev (captions withheld, hybrid) a ratio of 0.48 keeps the photo a caption describes for 85.7 % of
/// the captions, keeping 12.2 of the 113 photos on average (0.5: 84.8 % and 11.3; the top 10 keep it for 80 %); with
/// one caption of each photo indexed, 97.8 % and 7.3 (`retrieval eval` reports it).
/// </summary>
public static class AdaptiveCut
{
    /// <summary>The part of <paramref name="ranked"/> (best first) that stays, in order.</summary>
    public static List<(long Id, double Score)> Apply(IReadOnlyList<(long Id, double Score)> ranked,
        IReadOnlyDictionary<long, double> vectorScores, IReadOnlyDictionary<long, double> keywordScores, double ratio)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(vectorScores);
        ArgumentNullException.ThrowIfNull(keywordScores);
        var bestVector = vectorScores.Count == 0 ? 0 : vectorScores.Values.Max();
        if (bestVector <= 0)
        {
            return [.. ranked];
        }

        var bestKeyword = keywordScores.Count == 0 ? double.PositiveInfinity : keywordScores.Values.Max();
        return [.. ranked.Where(r =>
            (vectorScores.TryGetValue(r.Id, out var v) && v >= ratio * bestVector)
            || (keywordScores.TryGetValue(r.Id, out var k) && k >= bestKeyword / 2))];
    }
}
