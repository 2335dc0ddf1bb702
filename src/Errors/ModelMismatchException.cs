namespace Retrieval.Errors;

/// <summary>
/// An index holds vectors of one model and was asked to work with another: its vectors and the other model's
/// queries live in different spaces, so every score would be noise.
/// </summary>
public sealed class ModelMismatchException : RetrievalException
{
    /// <summary>Creates the exception for the index in <paramref name="root"/>, built with <paramref name="indexed"/>, asked to use <paramref name="requested"/>.</summary>
    public ModelMismatchException(string root, string indexed, string requested, string remedy)
        : base($"The index in '{root}' holds vectors of model '{indexed}', not '{requested}': {remedy}") =>
        (Root, Indexed, Requested) = (root, indexed, requested);

    /// <summary>The index (or vector store) folder.</summary>
    public string Root { get; }

    /// <summary>The model the index was built with.</summary>
    public string Indexed { get; }

    /// <summary>The model that was asked for.</summary>
    public string Requested { get; }
}
