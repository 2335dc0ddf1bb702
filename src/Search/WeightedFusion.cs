namespace Retrieval.Search;

/// <summary>
/// Fusion by weighted scores: <c>alpha x vector + (1 - alpha) x keyword</c>, the vector scores (cosines, which
/// may be negative) min-max normalised to [0, 1] over their candidates, the keyword scores (BM25, positive)
/// divided by the best, so every keyword hit counts for more than a photo the keywords missed (0). Unlike
/// reciprocal rank fusion it keeps how far apart the scores are, at the price of depending on their spread.
/// </summary>
public static class WeightedFusion
{
    /// <summary>The fused ranking, best first, ties by id.</summary>
    public static List<(long Id, double Score)> Fuse(IReadOnlyList<(long Id, double Score)> vector, IReadOnlyList<(long Id, double Score)> keyword, double alpha)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(keyword);
        var scores = new Dictionary<long, double>();
        foreach (var (ranking, weight, minMax) in (ReadOnlySpan<(IReadOnlyList<(long Id, double Score)>, double, bool)>)[(vector, alpha, true), (keyword, 1 - alpha, false)])
        {
            if (ranking.Count == 0)
            {
                continue;
            }

            var (low, high) = (minMax ? ranking.Min(r => r.Score) : 0, ranking.Max(r => r.Score));
            foreach (var (id, score) in ranking)
            {
                // One candidate, or all equal: each is as good as the best.
                var normalised = high > low ? (score - low) / (high - low) : 1.0;
                scores[id] = scores.GetValueOrDefault(id) + (weight * normalised);
            }
        }

        return [.. scores.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key)];
    }
}
