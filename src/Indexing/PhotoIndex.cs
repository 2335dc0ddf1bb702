using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Keywords;
using Retrieval.Storage;
using Retrieval.Vectors;

namespace Retrieval.Indexing;

/// <summary>
/// An index root opened as one: the catalog (the source of truth), the keyword index, and the vector
/// collections of photos (<c>images</c>, by photo id) and captions (<c>captions</c>, by caption id). One
/// process opens it for writing (it holds <c>index.lock</c>); any number open it for reading at the same time.
/// </summary>
public sealed class PhotoIndex : IDisposable
{
    /// <summary>The vector collection of photos, by photo id.</summary>
    public const string ImagesCollection = "images";

    /// <summary>The vector collection of captions, by caption id.</summary>
    public const string CaptionsCollection = "captions";

    private const string ModelKey = "model";
    private const string DimensionKey = "dimension";

    private readonly WriterLock? _lock;

    private PhotoIndex(IndexPaths paths, CatalogDb catalog, IKeywordIndex keywords, VectorStore? images, VectorStore? captions, WriterLock? writerLock)
    {
        Paths = paths;
        Catalog = catalog;
        Keywords = keywords;
        Images = images;
        Captions = captions;
        _lock = writerLock;
    }

    /// <summary>Where the parts are.</summary>
    public IndexPaths Paths { get; }

    /// <summary>The catalog.</summary>
    public CatalogDb Catalog { get; }

    /// <summary>The keyword index.</summary>
    public IKeywordIndex Keywords { get; }

    /// <summary>The photos' vectors (null in a reader opened before anything was embedded).</summary>
    public VectorStore? Images { get; }

    /// <summary>The captions' vectors (null in a reader opened before anything was embedded).</summary>
    public VectorStore? Captions { get; }

    /// <summary>The model the vectors were made with, as <see cref="ModelFingerprint"/> names it; null before the first run.</summary>
    public string? ModelId => Catalog.GetMeta(ModelKey);

    /// <summary>
    /// Opens (creating) the index at <paramref name="paths"/> to write vectors of <paramref name="modelId"/>.
    /// An index made with another model is refused unless <paramref name="reembed"/>, which drops its vectors
    /// (the catalog and keywords stay) and marks every photo to be embedded again.
    /// </summary>
    /// <exception cref="StoreLockedException">Another process writes this index.</exception>
    public static PhotoIndex OpenForWriting(IndexPaths paths, string modelId, int dimension, bool reembed)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        Directory.CreateDirectory(paths.Root);
        return Assemble(paths, write: true, (catalog, collections, track) =>
        {
            var recorded = catalog.GetMeta(ModelKey);
            if (recorded is not null && recorded != modelId && !reembed)
            {
                throw new RetrievalException(
                    $"The index in '{paths.Root}' holds vectors of model '{recorded}', not '{modelId}'. Use the same model, or pass --reembed to embed every photo again with this one (captions and keywords are kept).");
            }

            if (reembed || recorded != modelId)
            {
                // The catalog first: once every photo is marked to embed again, dropping the old vectors (here, or
                // on the next open if this process dies first) loses nothing the catalog does not know.
                catalog.InTransaction(() =>
                {
                    catalog.ResetVectors();
                    catalog.SetMeta(ModelKey, modelId);
                    catalog.SetMeta(DimensionKey, dimension.ToString(System.Globalization.CultureInfo.InvariantCulture));
                });
            }

            foreach (var name in (string[])[ImagesCollection, CaptionsCollection])
            {
                DropUnlessOf(collections, name, modelId, always: reembed);
            }

            return (track(collections.OpenOrCreate(ImagesCollection, dimension, modelId)), track(collections.OpenOrCreate(CaptionsCollection, dimension, modelId)));
        });
    }

    /// <summary>
    /// Opens an existing index for writing without a model (to remove photos): its vector collections open as
    /// they are, made with the model the catalog names.
    /// </summary>
    /// <exception cref="StoreLockedException">Another process writes this index.</exception>
    /// <exception cref="CatalogSchemaException">No index has been built there.</exception>
    public static PhotoIndex OpenForMaintenance(IndexPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.Catalog))
        {
            throw new CatalogSchemaException(paths.Catalog, "the file does not exist (nothing has been indexed here yet)", nothingIndexed: true);
        }

        return Assemble(paths, write: true, (_, collections, track) => (
            Existing(collections, ImagesCollection, track, collections.Open), Existing(collections, CaptionsCollection, track, collections.Open)));
    }

    /// <summary>Opens the index at <paramref name="paths"/> to read it, while an indexer may be writing it.</summary>
    /// <exception cref="CatalogSchemaException">No index has been built there.</exception>
    public static PhotoIndex OpenForReading(IndexPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Assemble(paths, write: false, (_, collections, track) => (
            Existing(collections, ImagesCollection, track, collections.OpenReadOnly), Existing(collections, CaptionsCollection, track, collections.OpenReadOnly)));
    }

    /// <summary>
    /// Forgets the photos at or under <paramref name="paths"/> (files or folders): catalog rows, vectors and
    /// keyword documents. Returns how many. A later index run of a root that still holds them finds them again.
    /// </summary>
    public async Task<int> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ids = paths.SelectMany(p => Catalog.PhotoIdsUnder(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))).Distinct().ToList();
        Catalog.InTransaction(() => Catalog.RemovePhotos(ids));
        await ChunkCommit.ApplyRemovalsAsync(this, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Keywords.Dispose();
        Captions?.Dispose();
        Images?.Dispose();
        Catalog.Dispose();
        _lock?.Dispose();
    }

    /// <summary>Deletes a vector collection made with another model (or any, when <paramref name="always"/>).</summary>
    private static void DropUnlessOf(VectorCollections collections, string name, string modelId, bool always)
    {
        if (!collections.Names.Contains(name))
        {
            return;
        }

        string existing;
        using (var store = collections.OpenReadOnly(name))
        {
            existing = store.ModelId;
        }

        if (always || existing != modelId)
        {
            collections.Delete(name);
        }
    }

    /// <summary>
    /// Opens the parts in order — the writer lock, the catalog, the vector collections (as <paramref name="openVectors"/>
    /// decides, given the catalog), the keyword index — and disposes those already open if a later one fails.
    /// </summary>
    private static PhotoIndex Assemble(IndexPaths paths, bool write,
        Func<CatalogDb, VectorCollections, Func<VectorStore, VectorStore>, (VectorStore? Images, VectorStore? Captions)> openVectors)
    {
        var opened = new List<IDisposable>();
        T Track<T>(T part) where T : IDisposable
        {
            opened.Add(part);
            return part;
        }

        try
        {
            var writerLock = write ? Track(WriterLock.Acquire(paths.WriterLock)) : null;
            var catalog = Track(CatalogDb.Open(paths.Catalog, readOnly: !write));
            var (images, captions) = openVectors(catalog, new VectorCollections(paths.Vectors), Track);
            IKeywordIndex keywords = Track(write ? LuceneKeywordIndex.OpenWriter(paths.Keywords) : LuceneKeywordIndex.OpenReader(paths.Keywords));
            return new PhotoIndex(paths, catalog, keywords, images, captions, writerLock);
        }
        catch
        {
            opened.Reverse();
            opened.ForEach(part => part.Dispose());
            throw;
        }
    }

    /// <summary>
    /// The collection <paramref name="name"/> opened by <paramref name="open"/>, or null when it does not exist:
    /// not yet, or no longer (a writer re-embedding with <c>--reembed</c> drops it while readers open the index).
    /// </summary>
    private static VectorStore? Existing(VectorCollections collections, string name, Func<VectorStore, VectorStore> track, Func<string, VectorStore> open)
    {
        if (!collections.Names.Contains(name))
        {
            return null;
        }

        try
        {
            return track(open(name));
        }
        catch (Exception e) when (e is IOException or CorruptStoreException && !collections.Names.Contains(name))
        {
            return null;
        }
    }
}
