namespace Retrieval.Hosting;

/// <summary>
/// A thumbnail: its tag (the ETag), and the cached file or, when the cache could not keep it, its bytes; neither
/// when the caller already holds this version.
/// </summary>
public sealed record Thumbnail(string Tag, string? CachedFile, byte[]? Bytes);
