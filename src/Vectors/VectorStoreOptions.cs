using System.ComponentModel.DataAnnotations;
using Retrieval.Vectors.Files;

namespace Retrieval.Vectors;

/// <summary>How the vector store searches and checks its files.</summary>
public sealed class VectorStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Vectors";

    /// <summary>Threads one search may use, each scanning its own partition; 0 uses every core.</summary>
    [Range(0, 1024)]
    public int SearchThreads { get; set; }

    /// <summary>
    /// The int8 scan keeps <c>k x Oversample</c> candidates for the exact float32 re-rank: more costs a
    /// little time and buys recall.
    /// </summary>
    [Range(1, 1000)]
    public int Oversample { get; set; } = 4;

    /// <summary>
    /// Check every data checksum when opening (<see cref="VectorStore.Verify"/>: reads all vectors once, in parallel),
    /// so a damaged file is refused rather than searched into wrong or missing results. On by default; a 1M x 512 store
    /// is checked in a fraction of a second (the <c>store</c> benchmark measures it). Chunks this process verified before,
    /// in files unchanged since, are not hashed again: a server's next pooled reader opens at once.
    /// </summary>
    public bool VerifyOnOpen { get; set; } = true;

    /// <summary>
    /// The share of a store's slots that deleted and replaced vectors may hold before <see cref="VectorStore.ReclaimAsync"/>
    /// (called at the end of every index run) compacts it. Below it a compaction would rewrite far more than it saves;
    /// above it every scan reads past the dead slots and every commit rewrites their list. 0 compacts whenever anything
    /// was removed; 1 never.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CompactAbove { get; set; } = 0.2;

    /// <summary>Where the store's file operations go: the local disk, or a test's fault injector.</summary>
    internal IStoreFileSystem FileSystem { get; init; } = LocalStoreFileSystem.Instance;
}
