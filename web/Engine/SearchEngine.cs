using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Search;

namespace Retrieval.Web.Engine;

/// <summary>
/// What every request shares: the index folder, the model (loaded once), the decoder, and a pool of read-only
/// index handles — one per concurrent request, since a catalog connection serves one thread. Readers see what
/// an indexer (this server's or the CLI's) commits; after this server's own runs, <see cref="Invalidate"/>
/// makes later requests open fresh handles, which also see collections created meanwhile.
/// </summary>
internal sealed class SearchEngine : IDisposable
{
    private readonly ConcurrentBag<(PhotoIndex Index, int Generation)> _pool = [];
    private readonly Lock _open = new();
    private int _generation;
    private bool _disposed;

    public SearchEngine(IOptions<ServerOptions> server, IOptions<SearchOptions> search, ILogger<SearchEngine> logger)
    {
        var options = server.Value;
        Paths = options.Index is { Length: > 0 } root ? new IndexPaths(Path.GetFullPath(root)) : IndexPaths.Default();
        var model = options.Model is { Length: > 0 } folder ? folder
            : Environment.GetEnvironmentVariable("RETRIEVAL_MODEL") is { Length: > 0 } variable ? variable
            : Path.Combine(AppContext.BaseDirectory, "models", "minilm-mobilenetv2");
        Model = ClipModel.Load(new ModelOptions { Path = model, Device = ExecutionDevice.Auto, IntraOpThreads = options.InferenceThreads }, logger);
        ModelId = ModelFingerprint.Of(Model.Manifest);
        SearchOptions = search.Value;
        Decoder = new ImageDecoder(new ImagingOptions());
    }

    /// <summary>The index folder served.</summary>
    public IndexPaths Paths { get; }

    /// <summary>The model queries are embedded with (it must be the index's).</summary>
    public ClipModel Model { get; }

    /// <summary>The model's fingerprint, as indexes record it.</summary>
    public string ModelId { get; }

    /// <summary>How searches rank.</summary>
    public SearchOptions SearchOptions { get; }

    /// <summary>Decodes photos and uploads, in memory.</summary>
    public ImageDecoder Decoder { get; }

    /// <summary>Whether an index has been built in <see cref="Paths"/>.</summary>
    public bool HasIndex => File.Exists(Paths.Catalog);

    /// <summary>A read-only index for one request, or null while nothing has been indexed.</summary>
    /// <exception cref="RetrievalException">The index was built with another model.</exception>
    public ReaderLease? TryLease()
    {
        var generation = Volatile.Read(ref _generation);
        while (_pool.TryTake(out var pooled))
        {
            if (pooled.Generation == generation)
            {
                return Lease(pooled.Index, generation);
            }

            pooled.Index.Dispose();
        }

        if (!HasIndex)
        {
            return null;
        }

        PhotoIndex index;
        try
        {
            lock (_open)
            {
                index = PhotoIndex.OpenForReading(Paths);
            }
        }
        catch (CatalogSchemaException e) when (e.NothingIndexed)
        {
            return null;
        }

        if (index.ModelId is { } built && built != ModelId)
        {
            index.Dispose();
            throw new RetrievalException($"The index in '{Paths.Root}' was built with model '{built}', but the server runs '{ModelId}': start it with that model (Retrieval:Server:Model), or re-embed the index with `retrieval index --reembed`");
        }

        return Lease(index, generation);
    }

    /// <summary>The searcher over a leased index.</summary>
    public PhotoSearcher Searcher(ReaderLease lease) => new(lease.Index, SearchOptions);

    /// <summary>What the catalog knows of the indexed photo <paramref name="id"/>, or null when there is none.</summary>
    public PhotoSummary? Photo(long id)
    {
        using var lease = TryLease();
        return lease?.Index.Catalog.Photos([id]).GetValueOrDefault(id);
    }

    /// <summary>The stored vector of the indexed photo <paramref name="id"/>, or null when there is none.</summary>
    public async Task<float[]?> PhotoVectorAsync(long id, CancellationToken cancellationToken)
    {
        using var lease = TryLease();
        return lease?.Index.Images is { } images ? await images.GetVectorAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Later leases open fresh handles (after an index run of this server's).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose()
    {
        _disposed = true;
        while (_pool.TryTake(out var pooled))
        {
            pooled.Index.Dispose();
        }

        Model.Dispose();
    }

    private ReaderLease Lease(PhotoIndex index, int generation) => new(index, returned =>
    {
        // A handle opened before the index was empty lacks collections made since; one from an older generation is dropped.
        if (_disposed || generation != Volatile.Read(ref _generation) || returned.Images is null)
        {
            returned.Dispose();
        }
        else
        {
            _pool.Add((returned, generation));
        }
    });
}
