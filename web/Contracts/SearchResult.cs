namespace Retrieval.Web.Contracts;

/// <summary>
/// One photo in a search's results, and why it matched (the query words found in its text, the caption closest in meaning,
/// each piece of evidence and what it added). A video (<c>Kind</c> "video") says when the moment that matched is
/// (<c>At</c>, seconds) and how long it is; its thumbnail is that moment's frame. <c>Place</c> is where it was taken, when known;
/// <c>People</c> who is in it (the people not hidden whose faces it holds, named ones first).
/// </summary>
public sealed record SearchResult(
    long Id, string Path, double Score, double? VectorScore, double? KeywordScore, string? Caption,
    int? Width, int? Height, string? TakenAt, string ThumbnailUrl, IReadOnlyList<string> MatchedWords, string? MatchedCaption,
    IReadOnlyList<Retrieval.Search.Evidence> Why, string Kind, double? At, double? Duration, Retrieval.Catalog.PhotoPlace? Place,
    IReadOnlyList<Retrieval.Catalog.PersonRef> People);
