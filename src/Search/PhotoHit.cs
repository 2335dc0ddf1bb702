namespace Retrieval.Search;

/// <summary>
/// One ranked photo: its id and path, the score it was ranked by, the parts of that score (the fused vector
/// similarity and the BM25 keyword score, each null where that ranking did not see the photo), its best
/// caption, and what the catalog knows of it.
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
    string? TakenAt);
