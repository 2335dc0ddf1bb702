using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Keywords;
using Retrieval.Storage;
using Retrieval.Vectors;

namespace Retrieval.Backends.Local;

/// <summary>
/// The index in one local folder (<see cref="IndexPaths"/>): the catalog in SQLite, the keywords in Lucene, each
/// vector collection in a <see cref="VectorStore"/> of its own, and <c>index.lock</c>, held by the one writer.
/// </summary>
public sealed class LocalIndexBackend(IndexPaths paths, VectorStoreOptions vectorOptions) : IIndexBackend
{
    /// <summary>The folder's layout.</summary>
    public IndexPaths Paths => paths;

    /// <inheritdoc />
    public string Root => paths.Root;

    /// <inheritdoc />
    public string CacheFolder => paths.Thumbnails;

    /// <inheritdoc />
    public bool HasIndex => File.Exists(paths.Catalog);

    /// <inheritdoc />
    public string? Identity => FileIdentity.Of(paths.Catalog);

    /// <inheritdoc />
    public PhotoIndex OpenForReading()
    {
        try
        {
            return Assemble(write: false, (catalog, collections, track) => Existing(catalog, collections, track, collections.OpenReadOnly));
        }
        catch (CatalogSchemaException e) when (e.NothingIndexed)
        {
            throw new IndexNotFoundException(paths.Root);
        }
    }

    /// <inheritdoc />
    public PhotoIndex OpenForWriting(IReadOnlyList<CollectionKind> collections, bool reembed)
    {
        ArgumentNullException.ThrowIfNull(collections);
        Directory.CreateDirectory(paths.Root);
        return Assemble(write: true, (catalog, stores, track) =>
        {
            var reembedded = IndexModelCheck.Reembedded(paths.Root, collections, catalog.ModelOf, reembed);

            // The catalog first: once every photo is marked to be analysed again, dropping the old vectors (here, or on
            // the next open if this process dies first, when the store's model differs from the declared one) loses
            // nothing the catalog does not know.
            var reset = catalog.InTransaction(() => collections.Where(kind => catalog.DeclareCollection(kind, reembedded.Contains(kind.Name))).Select(kind => kind.Name).ToHashSet());
            var opened = new Dictionary<CollectionKind, IVectorIndex>();
            foreach (var kind in collections)
            {
                DropUnlessOf(stores, kind.Name, kind.ModelId, always: reset.Contains(kind.Name));
                opened[kind] = track(stores.OpenOrCreate(kind.Name, kind.Dimension, kind.ModelId));
            }

            // Collections no registered analyzer declares (one switched off) stay as they are, still searched and still emptied of removed photos.
            var declared = collections.Select(kind => kind.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (kind, store) in Existing(catalog, stores, track, stores.Open, skip: declared))
            {
                opened[kind] = store;
            }

            return opened;
        });
    }

    /// <inheritdoc />
    public PhotoIndex OpenForMaintenance()
    {
        if (!HasIndex)
        {
            throw new IndexNotFoundException(paths.Root);
        }

        return Assemble(write: true, (catalog, collections, track) => Existing(catalog, collections, track, collections.Open));
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
    private PhotoIndex Assemble(bool write, Func<ICatalog, VectorCollections, Func<VectorStore, VectorStore>, Dictionary<CollectionKind, IVectorIndex>> openVectors)
    {
        var opened = new List<IDisposable>();
        T Track<T>(T part) where T : IDisposable
        {
            opened.Add(part);
            return part;
        }

        try
        {
            if (write)
            {
                Track(WriterLock.Acquire(paths.WriterLock));
            }

            RefuseEmptiedCatalog();
            var catalog = Track(CatalogDb.Open(paths.Catalog, readOnly: !write));
            var vectors = openVectors(catalog, new VectorCollections(paths.Vectors, vectorOptions), Track);
            IKeywordIndex keywords = Track(write ? LuceneKeywordIndex.OpenWriter(paths.Keywords) : LuceneKeywordIndex.OpenReader(paths.Keywords));
            return new PhotoIndex(paths.Root, catalog, keywords, vectors, opened);
        }
        catch
        {
            opened.Reverse();
            opened.ForEach(part => part.Dispose());
            throw;
        }
    }

    /// <summary>
    /// A catalog of no bytes beside keywords or vectors lost everything they refer to (a failed copy, a disk that dropped
    /// it): damage, never an empty index. A catalog being created is empty only until its writer turns on WAL, before the
    /// other parts exist.
    /// </summary>
    /// <exception cref="IndexDamagedException">It is empty beside them.</exception>
    private void RefuseEmptiedCatalog()
    {
        if (new FileInfo(paths.Catalog) is { Exists: true, Length: 0 } && (Directory.Exists(paths.Keywords) || Directory.Exists(paths.Vectors)))
        {
            throw new IndexDamagedException(paths.Catalog,
                "it is empty (0 bytes) while the index's keywords and vectors are there, so what they refer to is lost");
        }
    }

    /// <summary>
    /// The collections the catalog declares that exist (but <paramref name="skip"/>), opened by <paramref name="open"/>, each as its store was made (its
    /// dimension and model): one missing is left out — not made yet, or no longer (a writer re-embedding with
    /// <c>--reembed</c> drops them while readers open the index).
    /// </summary>
    private static Dictionary<CollectionKind, IVectorIndex> Existing(ICatalogReader catalog, VectorCollections collections, Func<VectorStore, VectorStore> track,
        Func<string, VectorStore> open, HashSet<string>? skip = null)
    {
        var opened = new Dictionary<CollectionKind, IVectorIndex>();
        foreach (var (name, onePerPhoto) in catalog.Collections())
        {
            if (!collections.Names.Contains(name) || skip?.Contains(name) == true)
            {
                continue;
            }

            try
            {
                var store = track(open(name));
                opened[new CollectionKind(name, store.Dimension, store.ModelId, onePerPhoto)] = store;
            }
            catch (Exception e) when (e is IOException or CorruptStoreException && !collections.Names.Contains(name))
            {
                // Dropped between the listing and the open.
            }
        }

        return opened;
    }
}
