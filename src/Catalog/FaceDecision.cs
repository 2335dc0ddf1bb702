namespace Retrieval.Catalog;

/// <summary>
/// A decision about a face whose item is gone (its photo was read again): the person and state it had, and its box
/// ("x,y,w,h"), so the new face that overlaps it takes them over.
/// </summary>
public sealed record FaceDecision(long FaceId, long PhotoId, long? PersonId, string State, string Box);
