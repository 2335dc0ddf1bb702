namespace Retrieval.Errors;

/// <summary>A request named a person (or one of their faces) by id, and the index has none of that id (never, or no longer).</summary>
public sealed class PersonNotFoundException : RetrievalException
{
    /// <summary>Creates the exception for <paramref name="what"/> ("person", "face") <paramref name="id"/>.</summary>
    public PersonNotFoundException(string what, long id) : base($"no {what} has id {id}") => Id = id;

    /// <summary>The id asked for.</summary>
    public long Id { get; }
}
