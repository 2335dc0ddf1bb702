namespace Retrieval.Errors;

/// <summary>
/// What the user gave cannot be used: a photo folder that does not exist, a captions file that cannot be read,
/// a search parameter out of its bounds. The message names the input and what is wrong with it.
/// </summary>
public sealed class InvalidInputException : RetrievalException
{
    /// <summary>Creates the exception for the input named <paramref name="input"/>.</summary>
    public InvalidInputException(string input, string reason) : base(reason) => Input = input;

    /// <summary>Creates the exception with the underlying cause.</summary>
    public InvalidInputException(string input, string reason, Exception innerException) : base(reason, innerException) => Input = input;

    /// <summary>The parameter, file or folder at fault.</summary>
    public string Input { get; }
}
