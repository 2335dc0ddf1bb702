namespace Retrieval.Search;

/// <summary>
/// One page of results, and how many ranked results passed the cut in all (up to the depth searched), so a
/// client knows whether there is a next page; and the mode they were ranked by.
/// </summary>
public sealed record SearchResults(IReadOnlyList<PhotoHit> Hits, int Matches, SearchMode Mode);
