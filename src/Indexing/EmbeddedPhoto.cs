namespace Retrieval.Indexing;

/// <summary>A prepared photo with its vectors: the image's (when it needed one) and one per caption.</summary>
internal sealed record EmbeddedPhoto(PreparedPhoto Photo, float[]? ImageVector, float[][] CaptionVectors);
