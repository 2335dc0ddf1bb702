using Retrieval.Catalog;
using Retrieval.Keywords;

namespace Retrieval.Backends;

/// <summary>
/// An index opened as one, seen only through its interfaces: the catalog (the source of truth), the keyword index,
/// and the vector collections (as many as the analyzers declared), each knowing how its ids map to photos. A backend (<see cref="IIndexBackend"/>)
/// opens it; search and indexing never learn which one. Disposing it closes every part the backend opened.
/// </summary>
public sealed class PhotoIndex : IDisposable
{
    private readonly IReadOnlyDictionary<string, PhotoVectors> _collections;
    private readonly IReadOnlyList<IDisposable> _parts;

    /// <param name="root">Where the index is, for messages.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="keywords">The keyword index.</param>
    /// <param name="vectors">The vector collections that exist (a reader opened before anything was embedded has none).</param>
    /// <param name="parts">What to dispose with the index, in the order it was opened (closed in reverse).</param>
    public PhotoIndex(string root, ICatalog catalog, IKeywordIndex keywords, IReadOnlyDictionary<CollectionKind, Vectors.IVectorIndex> vectors, IReadOnlyList<IDisposable> parts)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        Root = root;
        Catalog = catalog;
        Keywords = keywords;
        _collections = vectors.ToDictionary(p => p.Key.Name, p => new PhotoVectors(p.Key, p.Value, catalog), StringComparer.Ordinal);
        _parts = parts;
    }

    /// <summary>Where the index is (a folder for the local backend), for messages.</summary>
    public string Root { get; }

    /// <summary>The catalog.</summary>
    public ICatalog Catalog { get; }

    /// <summary>The keyword index.</summary>
    public IKeywordIndex Keywords { get; }

    /// <summary>The vector collections that are open, each with how its ids map to photos.</summary>
    public IEnumerable<PhotoVectors> Collections => _collections.Values;

    /// <summary>The collection named <paramref name="name"/>, or null when it does not exist (yet).</summary>
    public PhotoVectors? Collection(string name) => _collections.GetValueOrDefault(name);

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            _parts[i].Dispose();
        }
    }
}
