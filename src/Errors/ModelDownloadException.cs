namespace Retrieval.Errors;

/// <summary>A model could not be downloaded: the source is unreachable or refuses, a file fails its checksum, or what arrived is no model.</summary>
public sealed class ModelDownloadException : RetrievalException
{
    /// <summary>Creates the exception for the file or address <paramref name="source"/>.</summary>
    public ModelDownloadException(string source, string reason) : base($"Cannot download '{source}': {reason}") => Source = source;

    /// <summary>Creates the exception with the underlying cause.</summary>
    public ModelDownloadException(string source, string reason, Exception innerException)
        : base($"Cannot download '{source}': {reason}", innerException) => Source = source;

    /// <summary>The file or address at fault.</summary>
    public new string Source { get; }
}
