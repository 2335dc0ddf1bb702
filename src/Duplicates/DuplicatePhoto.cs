namespace Retrieval.Duplicates;

/// <summary>
/// A photo that repeats another: <see cref="Kind"/> is <c>exact</c> (the same bytes, never embedded twice) or
/// <c>near</c> (an edited copy: resized, re-encoded, cropped, brightened), <see cref="Similarity"/> its aligned pixel
/// similarity with <see cref="Original"/> (1 for exact ones). A group's original is its largest photo in pixels, the
/// oldest file of equal ones (see <see cref="DuplicateGroups"/>).
/// </summary>
public sealed record DuplicatePhoto(long Id, string Path, long OriginalId, string Original, string Kind, float Similarity)
{
    /// <summary>The kind of a byte-identical copy.</summary>
    public const string Exact = "exact";

    /// <summary>The kind of an edited copy.</summary>
    public const string Near = "near";
}
