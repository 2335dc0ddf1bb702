using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>A photo file the walk found, or a place it could not go (then <see cref="Failure"/> says why).</summary>
public sealed record WalkEntry(FoundFile File, string? Failure);
