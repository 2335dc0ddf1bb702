namespace Retrieval.Errors;

/// <summary>
/// Another process (or another open of the same folder) holds the writer lock: one writer at a time, any
/// number of read-only readers.
/// </summary>
public sealed class StoreLockedException : RetrievalException
{
    /// <summary>Creates the exception for the lock file at <paramref name="path"/>, held by process <paramref name="holder"/> (0: unknown).</summary>
    public StoreLockedException(string path, int holder)
        : base(holder > 0
            ? $"'{System.IO.Path.GetDirectoryName(path)}' is open for writing by process {holder} (lock file '{path}'); open it read-only, or stop that process"
            : $"'{System.IO.Path.GetDirectoryName(path)}' is open for writing by another process (lock file '{path}'); open it read-only, or stop that process")
        => (Path, Holder) = (path, holder);

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The process id the lock file names, or 0 when it names none.</summary>
    public int Holder { get; }
}
