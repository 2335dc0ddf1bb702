using System.ComponentModel.DataAnnotations;

namespace Retrieval.Indexing;

/// <summary>How an index run reads and embeds: how many decoding threads, how often it commits, which automatic tags it keeps (photos per model run: <see cref="Models.ModelOptions.MaxBatchSize"/>).</summary>
public sealed class IndexingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Indexing";

    /// <summary>Threads that read, decode and preprocess photos while the encoder runs; 0: one per core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// Photos per commit to the catalog, vectors and keywords: what a kill can cost at most is this much
    /// embedding work, redone by the next run.
    /// </summary>
    [Range(1, 100_000)]
    public int CommitEvery { get; set; } = 256;

    /// <summary>The longest time embedded photos wait for their commit, however few they are.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether decoding pauses while the encoder runs. On the CPU the encoder already uses every core, and a
    /// decoding thread that preempts one of its threads stalls the others at their next barrier; decoding in
    /// the encoder's pauses is faster. With a GPU, both should overlap. Null: pause when the model runs on the CPU.
    /// </summary>
    public bool? YieldToEncoder { get; set; }

    /// <summary>
    /// The least class probability for an automatic tag, when the model scores classes (the default model's
    /// ImageNet labels). At 0.15, 83 % of the Flickr8k photos get at least one tag and the mean is 1.2.
    /// </summary>
    [Range(0.0, 1.0)]
    public float AutoTagConfidence { get; set; } = 0.15f;

    /// <summary>The most automatic tags per photo (0: none), each with its broader terms.</summary>
    [Range(0, 100)]
    public int AutoTagCount { get; set; } = 3;

    /// <summary>The effective decoding threads.</summary>
    public int DecodeThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
