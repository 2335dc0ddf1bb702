using System.ComponentModel.DataAnnotations;

namespace Retrieval.Web;

/// <summary>
/// The query server's own settings (section <c>Retrieval:Server</c>; environment: <c>Retrieval__Server__ApiKey</c> etc.).
/// The index, the model and search are the engine's (<c>Retrieval:Index</c>, <c>Retrieval:Model</c>, <c>Retrieval:Search</c>).
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Server";

    /// <summary>
    /// The key that <c>POST /api/index</c> and <c>DELETE /api/images/{id}</c> need in the <c>X-Api-Key</c> header.
    /// Without one, those requests are allowed only while the server listens on loopback alone.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest upload (an image to search by or caption), in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 20L << 20;

    /// <summary>Searches (and uploads being embedded) running at once; more wait in the queue.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentSearches { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Searches that may wait for a slot; beyond them a request gets 503 with Retry-After.</summary>
    [Range(0, 100_000)]
    public int SearchQueue { get; set; } = 256;

    /// <summary>The longest a request may run before it is cancelled (503).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Photos indexed in the background on the first start, when the index is empty; default the bundled samples.</summary>
    public string? Samples { get; set; }

    /// <summary>Whether to index <see cref="Samples"/> on a first start with an empty index.</summary>
    public bool IndexSamplesOnFirstStart { get; set; } = true;
}
