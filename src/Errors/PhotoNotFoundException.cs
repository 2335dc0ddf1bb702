namespace Retrieval.Errors;

/// <summary>A request named an indexed photo by id, and the index has none of that id (never, or no longer).</summary>
public sealed class PhotoNotFoundException : RetrievalException
{
    /// <summary>Creates the exception for photo <paramref name="id"/>.</summary>
    public PhotoNotFoundException(long id) : base($"no indexed photo has id {id}") => Id = id;

    /// <summary>The id asked for.</summary>
    public long Id { get; }
}
