using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// A pending photo after reading: its metadata and captions, and its model input (pooled; the encoder
/// returns it) when it needs an image vector; or why it could not be read.
/// </summary>
internal sealed record PreparedPhoto(KnownFile Job, PhotoMetadata? Metadata, IReadOnlyList<CaptionText> Captions, float[]? Tensor, string? Failure)
{
    /// <summary>Whether the file was read for its content (not a keywords-only update).</summary>
    public bool HasContent => Metadata is not null;
}
