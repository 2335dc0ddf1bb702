using Retrieval.Ids;
namespace Retrieval.Vectors;

/// <summary>How one search runs: which vectors it may return, how it scans, and how many threads it may take.</summary>
public sealed record VectorSearchOptions
{
    /// <summary>The default: the fast int8 scan with an exact re-rank, every vector allowed, the store's thread setting.</summary>
    public static VectorSearchOptions Default { get; } = new();

    /// <summary>The exact float32 scan.</summary>
    public static VectorSearchOptions Exact { get; } = new() { Mode = ScanMode.ExactFloat32 };

    /// <summary>Only these ids may be returned; null allows all.</summary>
    public IdFilter? Filter { get; init; }

    /// <summary>How the scan compares vectors; an engine without the choice ignores it.</summary>
    public ScanMode Mode { get; init; } = ScanMode.Int8Rerank;

    /// <summary>
    /// The most threads this search may scan with: a server running many searches at once gives each one or
    /// two rather than every core. 0 uses <see cref="VectorStoreOptions.SearchThreads"/>.
    /// </summary>
    public int MaxThreads { get; init; }
}
