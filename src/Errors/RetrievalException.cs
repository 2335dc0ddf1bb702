namespace Retrieval.Errors;

/// <summary>
/// The base of every error the engine raises for a broken environment or bad data: a model folder that
/// does not load, an image that cannot be decoded, a damaged store. Shells catch this type at their
/// boundary and print its message; anything else is a bug and shows in full.
/// </summary>
public class RetrievalException : Exception
{
    /// <summary>Creates the exception with a message that names the input at fault.</summary>
    public RetrievalException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public RetrievalException(string message, Exception innerException) : base(message, innerException) { }
}
