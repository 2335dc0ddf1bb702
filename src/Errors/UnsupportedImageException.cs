namespace Retrieval.Errors;

/// <summary>
/// An image that cannot be turned into pixels: empty, truncated, corrupt, not an image at all, or larger
/// than the configured pixel budget (a decompression bomb).
/// </summary>
public sealed class UnsupportedImageException : RetrievalException
{
    /// <summary>Creates the exception for the image named <paramref name="source"/>.</summary>
    public UnsupportedImageException(string source, string reason)
        : base($"Cannot read image '{source}': {reason}") => (Source, Reason) = (source, reason);

    /// <summary>Creates the exception with the underlying cause.</summary>
    public UnsupportedImageException(string source, string reason, Exception innerException)
        : base($"Cannot read image '{source}': {reason}", innerException) => (Source, Reason) = (source, reason);

    /// <summary>The file path or upload name of the image at fault.</summary>
    public new string Source { get; }

    /// <summary>Why it cannot be read, without the name: what a catalog records beside the file.</summary>
    public string Reason { get; }
}
