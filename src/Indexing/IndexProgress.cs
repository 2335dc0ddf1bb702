namespace Retrieval.Indexing;

/// <summary>A run's progress: files found, photos done of those to embed, failures so far.</summary>
public readonly record struct IndexProgress(IndexPhase Phase, int Found, int Done, int ToDo, int Failed);
