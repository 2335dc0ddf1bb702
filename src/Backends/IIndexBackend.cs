using Retrieval.Catalog;

namespace Retrieval.Backends;

/// <summary>
/// Where an index lives and how its parts open: the local folder (SQLite, Lucene, our vector store) or, when a
/// library outgrows one machine, a provider over an existing engine. One process writes an index at a time;
/// any number read it meanwhile.
/// </summary>
public interface IIndexBackend
{
    /// <summary>Where the index is, for messages (a folder for the local backend).</summary>
    string Root { get; }

    /// <summary>A local folder for what is derived from the index and may be thrown away (thumbnails).</summary>
    string CacheFolder { get; }

    /// <summary>Whether an index has been built there.</summary>
    bool HasIndex { get; }

    /// <summary>
    /// Which index is there right now: a token that changes when the index is replaced (deleted and built anew),
    /// so readers opened on the old one are dropped; null while there is none.
    /// </summary>
    string? Identity { get; }

    /// <summary>Opens the index to read it while a writer may change it.</summary>
    /// <exception cref="Errors.IndexNotFoundException">Nothing has been indexed there yet.</exception>
    PhotoIndex OpenForReading();

    /// <summary>
    /// Opens (creating) the index to write the vector collections <paramref name="collections"/> (what the registered
    /// analyzers declare), each with its own model as <see cref="IndexModelCheck.Reembedded"/> rules: a collection of
    /// another model is refused unless <paramref name="reembed"/>, which drops its vectors (the catalog and keywords stay)
    /// and marks every photo to be analysed again. Collections of other models live side by side and are re-embedded
    /// independently; collections no analyzer declares stay as they are.
    /// </summary>
    /// <exception cref="Errors.StoreLockedException">Another process writes this index.</exception>
    /// <exception cref="Errors.ModelMismatchException">A collection holds another model's vectors and <paramref name="reembed"/> is false.</exception>
    PhotoIndex OpenForWriting(IReadOnlyList<CollectionKind> collections, bool reembed);

    /// <summary>Opens an existing index for writing without a model (to remove photos): its collections open as they are.</summary>
    /// <exception cref="Errors.StoreLockedException">Another process writes this index.</exception>
    /// <exception cref="Errors.IndexNotFoundException">Nothing has been indexed there yet.</exception>
    PhotoIndex OpenForMaintenance();
}
