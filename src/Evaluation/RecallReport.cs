namespace Retrieval.Evaluation;

/// <summary>Recall at 1, 5 and 10 (percent of queries whose answer ranks that high) and the median rank of the answer, for one direction.</summary>
public sealed record RecallReport(int Queries, double RecallAt1, double RecallAt5, double RecallAt10, double MedianRank)
{
    /// <summary>The report of 1-based ranks (the rank of the first correct answer of each query).</summary>
    public static RecallReport FromRanks(IReadOnlyList<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Count == 0)
        {
            return new RecallReport(0, 0, 0, 0, 0);
        }

        double Within(int k) => 100.0 * ranks.Count(r => r <= k) / ranks.Count;
        var sorted = ranks.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
        return new RecallReport(ranks.Count, Within(1), Within(5), Within(10), median);
    }
}
