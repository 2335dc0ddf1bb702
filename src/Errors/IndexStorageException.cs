namespace Retrieval.Errors;

/// <summary>
/// The index's storage failed under a read or a write: a full or read-only disk, an I/O error. What was committed
/// before stays; a run cut short is completed by the next one.
/// </summary>
public sealed class IndexStorageException : RetrievalException
{
    /// <summary>Creates the exception for the index in <paramref name="root"/>.</summary>
    public IndexStorageException(string root, Exception innerException)
        : base($"The index in '{root}' could not be read or written: {innerException?.Message}", innerException!) => Root = root;

    /// <summary>The index folder.</summary>
    public string Root { get; }
}
