namespace Retrieval.Errors;

/// <summary>
/// The base of every error the engine raises for a broken environment or bad data: a model folder that
/// does not load, an image that cannot be decoded, a damaged store. Abstract: every failure has a type of its
/// own, so a shell maps each type to its answer (an HTTP status, an exit code) and never guesses from the base.
/// Shells catch this type at their boundary and print its message; anything else is a bug and shows in full.
/// </summary>
public abstract class RetrievalException : Exception
{
    /// <summary>Creates the exception with a message that names the input at fault.</summary>
    protected RetrievalException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    protected RetrievalException(string message, Exception innerException) : base(message, innerException) { }
}
