namespace Retrieval.Web.Contracts;

/// <summary>A page of search results; <c>matches</c> counts every result that passed the cut (for paging).</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, int Matches, int Offset, string Mode);
