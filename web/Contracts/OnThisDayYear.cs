namespace Retrieval.Web.Contracts;

/// <summary>The photos of one earlier year taken on the day asked for, newest first, as search results.</summary>
public sealed record OnThisDayYear(int Year, IReadOnlyList<SearchResult> Photos);
