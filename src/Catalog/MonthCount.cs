namespace Retrieval.Catalog;

/// <summary>How many of the photos a filter allows were taken in one month, and the newest of them (its cover).</summary>
public sealed record MonthCount(int Year, int Month, long Count, long Cover);
