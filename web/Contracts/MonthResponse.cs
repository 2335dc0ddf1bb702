namespace Retrieval.Web.Contracts;

/// <summary>A page of one month's photos (<c>YYYY-MM</c>), newest first, as search results; <c>Total</c> counts the month's photos (for paging).</summary>
public sealed record MonthResponse(string Month, long Total, int Offset, IReadOnlyList<SearchResult> Results);
