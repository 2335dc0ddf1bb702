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
    /// The API key, sent in the <c>X-Api-Key</c> header or traded on the page for a session cookie. From beyond
    /// loopback (the server listens there, or a request was forwarded or names one of <see cref="AllowedHosts"/>),
    /// every request but <see cref="OpenPaths"/> needs it, and the server does not start without one; on loopback
    /// alone, only the requests that change the index need it (and, with none set, nothing does). At least
    /// <see cref="Security.AccessKey.MinLength"/> characters (<c>retrieval key new</c> makes one).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Which requests need the key (<see cref="Security.KeyRule.Auto"/>: everything beyond loopback; or always).</summary>
    public Security.KeyRule RequireKey { get; set; } = Security.KeyRule.Auto;

    /// <summary>Paths every client may ask without the key (the health check, by default).</summary>
    public IReadOnlyList<string> OpenPaths { get; set; } = ["/healthz"];

    /// <summary>Failed key attempts one client address may make in a minute before it is refused (429) until the minute is over.</summary>
    [Range(1, 10_000)]
    public int MaxKeyFailuresPerMinute { get; set; } = 10;

    /// <summary>
    /// Failed key attempts all client addresses together may make in a minute; past it, every key sent is refused
    /// (429) unchecked until the minute is over, so rotating addresses buys no more guesses. Sessions still serve.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxKeyFailuresPerMinuteTotal { get; set; } = 30;

    /// <summary>
    /// Host names the server answers to besides localhost and IP addresses (<c>photos.example.com</c>, <c>*.example.com</c>);
    /// any other Host is refused (421), against DNS rebinding. A request by one of these names comes from beyond loopback.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the server believes: addresses
    /// (<c>10.0.0.2</c>) or networks (<c>10.0.0.0/8</c>). The client address that lockouts count is then the real
    /// client's, and a session cookie is Secure when the proxy says the client used https.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    /// <summary>Uploads being received at once; more are refused at once (503), so slow senders cannot pile up.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentUploads { get; set; } = 8;

    /// <summary>The slowest an upload may arrive, in bytes per second after a grace of two seconds; slower ones are cut off (408).</summary>
    [Range(1, int.MaxValue)]
    public int MinUploadBytesPerSecond { get; set; } = 16 << 10;

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
