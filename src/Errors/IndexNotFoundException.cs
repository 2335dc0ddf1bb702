namespace Retrieval.Errors;

/// <summary>A command that reads an index found none: nothing has been indexed in that folder yet.</summary>
public sealed class IndexNotFoundException : RetrievalException
{
    /// <summary>Creates the exception for the index folder <paramref name="root"/>.</summary>
    public IndexNotFoundException(string root)
        : base($"No index in '{root}' yet: run `retrieval index PHOTO_FOLDER` first (or give --db)") => Root = root;

    /// <summary>The index folder.</summary>
    public string Root { get; }
}
