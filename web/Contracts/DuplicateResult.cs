namespace Retrieval.Web.Contracts;

/// <summary>
/// A photo that repeats another: <c>kind</c> <c>exact</c> (the same bytes) or <c>near</c> (an edited copy), the aligned
/// pixel similarity with the original (1 for exact ones), and both photos' ids and thumbnails (an exact duplicate is
/// not indexed itself, so it has the original's thumbnail).
/// </summary>
public sealed record DuplicateResult(string Path, string Original, string Kind, float Similarity, long Id, long OriginalId, string Thumbnail, string OriginalThumbnail);
