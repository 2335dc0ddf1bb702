namespace Retrieval.Errors;

/// <summary>The catalog database was written by a newer version of the engine, or is not a catalog at all.</summary>
public sealed class CatalogSchemaException : RetrievalException
{
    /// <summary>Creates the exception for the catalog at <paramref name="path"/>.</summary>
    public CatalogSchemaException(string path, string reason) : base($"Catalog '{path}': {reason}") => Path = path;

    /// <summary>The catalog file.</summary>
    public string Path { get; }
}
