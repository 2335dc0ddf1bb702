using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// A pending photo after reading: its metadata and captions, its model input (pooled; the encoder returns it) when it
/// needs an image vector, the text read in it (null when it was not read) and its pixel signature (null when it was
/// not decoded); or why it could not be read.
/// </summary>
internal sealed record PreparedPhoto(KnownFile Job, PhotoMetadata? Metadata, IReadOnlyList<CaptionText> Captions, float[]? Tensor, string? Failure,
    IReadOnlyList<TextLine>? Text = null, float[]? Signature = null)
{
    /// <summary>Whether the file was read for its content (not a keywords-only update).</summary>
    public bool HasContent => Metadata is not null;
}
