namespace Retrieval.Vectors;

/// <summary>One result: the caller's id and the cosine similarity to the query.</summary>
public readonly record struct SearchHit(long Id, float Score);
