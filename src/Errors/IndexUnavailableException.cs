namespace Retrieval.Errors;

/// <summary>
/// The index being served went away (its folder deleted, or replaced while a new one is built): nothing can be
/// answered from it until it is back, which the engine notices by itself.
/// </summary>
public sealed class IndexUnavailableException : RetrievalException
{
    /// <summary>Creates the exception for the index in <paramref name="root"/>.</summary>
    public IndexUnavailableException(string root)
        : base($"The index in '{root}' is gone (deleted, or being replaced); it is served again as soon as it is back") => Root = root;

    /// <summary>Creates the exception with the failure that showed it.</summary>
    public IndexUnavailableException(string root, Exception innerException)
        : base($"The index in '{root}' is gone (deleted, or being replaced); it is served again as soon as it is back", innerException) => Root = root;

    /// <summary>The index folder.</summary>
    public string Root { get; }
}
