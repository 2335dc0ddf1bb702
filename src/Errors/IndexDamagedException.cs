namespace Retrieval.Errors;

/// <summary>
/// A file of the index is damaged — a catalog page that is not SQLite's, an empty catalog beside an index's other parts,
/// a keyword file truncated or failing its checksum — so nothing read from it can be trusted; the message names the
/// file and what is wrong. Rebuilding the index (or restoring the file) is the remedy; answers wait until then.
/// </summary>
public sealed class IndexDamagedException : RetrievalException
{
    /// <summary>Creates the exception for the damaged file (or folder, when the store cannot tell which of its files) at <paramref name="path"/>.</summary>
    public IndexDamagedException(string path, string reason) : base(Text(path, reason)) => Path = path;

    /// <summary>Creates the exception with the failure that showed the damage.</summary>
    public IndexDamagedException(string path, string reason, Exception innerException) : base(Text(path, reason), innerException) => Path = path;

    /// <summary>The damaged file, or the folder of the damaged store.</summary>
    public string Path { get; }

    private static string Text(string path, string reason) => $"Index file '{path}' is damaged: {reason}; restore it, or delete the index folder and index again";
}
