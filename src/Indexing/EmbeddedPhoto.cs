using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// A prepared photo with its vectors: the image's (when it needed one) and one per caption, and the
/// automatic tags the image's classes gave (null when the image was not encoded, so the old ones stand).
/// </summary>
internal sealed record EmbeddedPhoto(PreparedPhoto Photo, float[]? ImageVector, float[][] CaptionVectors, IReadOnlyList<TagText>? AutoTags);
