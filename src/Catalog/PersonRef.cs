namespace Retrieval.Catalog;

/// <summary>A person in a photo: id and name (null when not named yet).</summary>
public sealed record PersonRef(long Id, string? Name);
