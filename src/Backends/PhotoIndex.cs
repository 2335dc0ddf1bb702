using Retrieval.Catalog;
using Retrieval.Keywords;

namespace Retrieval.Backends;

/// <summary>
/// An index opened as one, seen only through its interfaces: the catalog (the source of truth), the keyword index,
/// and the vector collections, each knowing how its ids map to photos. A backend (<see cref="IIndexBackend"/>)
/// opens it; search and indexing never learn which one. Disposing it closes every part the backend opened.
/// </summary>
public sealed class PhotoIndex : IDisposable
{
    /// <summary>The catalog setting naming the model the vectors were made with (<see cref="Indexing.ModelFingerprint"/>).</summary>
    public const string ModelKey = "model";

    /// <summary>The catalog setting holding the vectors' dimension.</summary>
    public const string DimensionKey = "dimension";

    private readonly IReadOnlyDictionary<CollectionKind, PhotoVectors> _collections;
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
        _collections = vectors.ToDictionary(p => p.Key, p => new PhotoVectors(p.Key, p.Value, catalog));
        _parts = parts;
    }

    /// <summary>Where the index is (a folder for the local backend), for messages.</summary>
    public string Root { get; }

    /// <summary>The catalog.</summary>
    public ICatalog Catalog { get; }

    /// <summary>The keyword index.</summary>
    public IKeywordIndex Keywords { get; }

    /// <summary>The photos' vectors, or null before anything was embedded.</summary>
    public PhotoVectors? Images => Collection(CollectionKind.Images);

    /// <summary>The captions' vectors, or null before anything was embedded.</summary>
    public PhotoVectors? Captions => Collection(CollectionKind.Captions);

    /// <summary>The photos' pixel signatures, or null before anything was embedded (or in an index made before them).</summary>
    public PhotoVectors? Pixels => Collection(Duplicates.PixelSignature.Collection);

    /// <summary>The model the vectors were made with, as <see cref="Indexing.ModelFingerprint"/> names it; null before the first run.</summary>
    public string? ModelId => Catalog.GetMeta(ModelKey);

    /// <summary>The collection of <paramref name="kind"/>, or null when it does not exist (yet).</summary>
    public PhotoVectors? Collection(CollectionKind kind) => _collections.GetValueOrDefault(kind);

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            _parts[i].Dispose();
        }
    }
}
