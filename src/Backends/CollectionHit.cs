namespace Retrieval.Backends;

/// <summary>One vector of a collection: its id, the photo that owns it (the same id for a photo's own vector), and its similarity.</summary>
public readonly record struct CollectionHit(long Id, long PhotoId, float Score);
