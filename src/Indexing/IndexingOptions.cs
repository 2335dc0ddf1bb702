using System.ComponentModel.DataAnnotations;

namespace Retrieval.Indexing;

/// <summary>How an index run reads and embeds: how many photos per model run, how many decoding threads, how often it commits.</summary>
public sealed class IndexingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Indexing";

    /// <summary>Photos per image-encoder run.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Threads that read, decode and preprocess photos while the encoder runs; 0: one per core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// Photos per commit to the catalog, vectors and keywords: what a kill can cost at most is this much
    /// embedding work, redone by the next run.
    /// </summary>
    [Range(1, 100_000)]
    public int CommitEvery { get; set; } = 256;

    /// <summary>The effective decoding threads.</summary>
    public int DecodeThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
