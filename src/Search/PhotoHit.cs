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
    IReadOnlyList<Evidence> Why);
