namespace Retrieval.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an item's fused score is the sum over the
/// rankings that hold it of <c>1 / (k + rank)</c>, rank counted from 1. It needs no score calibration between
/// rankings, which is why it can fuse cosine similarities with BM25 scores.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The customary constant: it damps the weight of the very first ranks.</summary>
    public const int K = 60;

    /// <summary>The fused scores of every id in <paramref name="rankings"/> (each best first), best first.</summary>
    public static List<(long Id, double Score)> Fuse(params IReadOnlyList<long>[] rankings)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var scores = new Dictionary<long, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (1.0 / (K + rank + 1));
            }
        }

        return [.. scores.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key)];
    }
}
