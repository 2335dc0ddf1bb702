namespace Retrieval.Errors;

/// <summary>
/// The catalog database was written by a newer version of the engine, is not a catalog at all, or holds nothing
/// yet (<see cref="NothingIndexed"/>: missing, or created a moment ago by an indexer that has not written its schema).
/// </summary>
public sealed class CatalogSchemaException : RetrievalException
{
    /// <summary>Creates the exception for the catalog at <paramref name="path"/>.</summary>
    public CatalogSchemaException(string path, string reason, bool nothingIndexed = false) : base($"Catalog '{path}': {reason}") =>
        (Path, NothingIndexed) = (path, nothingIndexed);

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>Whether nothing has been indexed there yet: a reader should see an empty index, not an error.</summary>
    public bool NothingIndexed { get; }
}
