namespace Retrieval.Backends.Local;

/// <summary>
/// Where an index keeps its parts, all under one root folder: the catalog, the keyword index, the vector
/// collections, the thumbnail cache, and the lock the one writing process holds.
/// </summary>
public sealed record IndexPaths(string Root)
{
    /// <summary>The environment variable naming the default index root.</summary>
    public const string Variable = "RETRIEVAL_DB";

    /// <summary>The catalog database.</summary>
    public string Catalog => Path.Combine(Root, "catalog.db");

    /// <summary>The Lucene keyword index folder.</summary>
    public string Keywords => Path.Combine(Root, "keywords");

    /// <summary>The vector collections' root (<c>images</c> and <c>captions</c>).</summary>
    public string Vectors => Path.Combine(Root, "vectors");

    /// <summary>The search page's thumbnails, made on demand (a cache: deleting it loses nothing).</summary>
    public string Thumbnails => Path.Combine(Root, "thumbnails");

    /// <summary>Held by the process writing the index.</summary>
    public string WriterLock => Path.Combine(Root, "index.lock");

    /// <summary>
    /// The default root: <c>$RETRIEVAL_DB</c>, else the user's data folder (<c>$XDG_DATA_HOME/retrieval</c>,
    /// <c>~/.local/share/retrieval</c> on Linux). Never inside the repository.
    /// </summary>
    public static IndexPaths Default()
    {
        return Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? new IndexPaths(Path.GetFullPath(configured))
            : new IndexPaths(Storage.UserData.Folder);
    }
}
