namespace Retrieval.Search;

/// <summary>
/// One ranked photo: its id and path, the score it was ranked by, the parts of that score (the fused vector
/// similarity and the BM25 keyword score, each null where that ranking did not see the photo), its first
/// caption, what the catalog knows of it, and why it matched: the query words found in its captions, tags or
/// name, the caption closest to the query by meaning (when it has captions and the query a vector), and each piece of
/// evidence with what it added to the score.
/// </summary>
public sealed record PhotoHit(
    long Id,
    string Path,
    double Score,
    double? VectorScore,
    double? KeywordScore,
    string? Caption,
    int? Width,
    int? Height,
    string? TakenAt,
    IReadOnlyList<string> MatchedWords,
    string? MatchedCaption,
    IReadOnlyList<Evidence> Why)
{
    /// <summary>What it is: "photo" or "video" (<see cref="Catalog.PhotoKind"/>).</summary>
    public string Kind { get; init; } = Catalog.PhotoKind.Photo;

    /// <summary>For a video, when the moment that matched is shown, in seconds (its best frame; else the frame standing for it).</summary>
    public double? At { get; init; }

    /// <summary>For a video, its length in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>Where it was taken (town, city, region, country), when its position names a place.</summary>
    public Catalog.PhotoPlace? Place { get; init; }

    /// <summary>Who is in it: the people (not hidden) whose faces it holds, named ones first.</summary>
    public IReadOnlyList<Catalog.PersonRef> People { get; init; } = [];
}
