namespace Retrieval.Benchmarks;

/// <summary>What the benchmarks report of repeated runs.</summary>
internal static class Statistics
{
    /// <summary>The median of <paramref name="values"/> (the upper one of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
