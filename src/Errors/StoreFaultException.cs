namespace Retrieval.Errors;

/// <summary>
/// A store could not finish a write and cannot tell whether it reached the disk (a failed fsync, a full disk):
/// it refuses further writes until it is reopened, when recovery settles the question.
/// </summary>
public sealed class StoreFaultException : RetrievalException
{
    /// <summary>Creates the exception for the store in <paramref name="directory"/>.</summary>
    public StoreFaultException(string directory, string reason, Exception innerException) : base($"The store in '{directory}' {reason}", innerException) =>
        Directory = directory;

    /// <summary>The store's folder.</summary>
    public string Directory { get; }
}
