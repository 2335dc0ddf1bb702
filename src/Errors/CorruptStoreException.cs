namespace Retrieval.Errors;

/// <summary>A vector store file is missing, truncated, or fails its checksum; the message names the file and what is wrong.</summary>
public sealed class CorruptStoreException : RetrievalException
{
    /// <summary>Creates the exception for the store file at <paramref name="path"/>.</summary>
    public CorruptStoreException(string path, string reason) : base($"Vector store file '{path}' is damaged: {reason}") => Path = path;

    /// <summary>The damaged file.</summary>
    public string Path { get; }
}
