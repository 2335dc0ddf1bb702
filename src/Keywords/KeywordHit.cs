namespace Retrieval.Keywords;

/// <summary>One keyword match: the photo id and its BM25 score.</summary>
public readonly record struct KeywordHit(long Id, float Score);
