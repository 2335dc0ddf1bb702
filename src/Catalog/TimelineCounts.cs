namespace Retrieval.Catalog;

/// <summary>The photos a filter allows by the month they were taken, newest month first, and how many have no date taken.</summary>
public sealed record TimelineCounts(IReadOnlyList<MonthCount> Months, long Undated)
{
    /// <summary>Every photo counted, dated or not.</summary>
    public long Total => Months.Sum(m => m.Count) + Undated;
}
