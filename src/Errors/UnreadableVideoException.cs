namespace Retrieval.Errors;

/// <summary>
/// A video that cannot be indexed: FFmpeg is not installed, the file is empty, truncated or not a video, declares a
/// frame larger than the pixel budget, or takes FFmpeg longer than its time limit.
/// </summary>
public sealed class UnreadableVideoException : RetrievalException
{
    /// <summary>Creates the exception for the video at <paramref name="source"/>.</summary>
    public UnreadableVideoException(string source, string reason)
        : base($"Cannot read video '{source}': {reason}") => (Source, Reason) = (source, reason);

    /// <summary>Creates the exception with the underlying cause.</summary>
    public UnreadableVideoException(string source, string reason, Exception innerException)
        : base($"Cannot read video '{source}': {reason}", innerException) => (Source, Reason) = (source, reason);

    /// <summary>The video's path.</summary>
    public new string Source { get; }

    /// <summary>Why it cannot be read, without the name: what a catalog records beside the file.</summary>
    public string Reason { get; }
}
