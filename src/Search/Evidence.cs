namespace Retrieval.Search;

/// <summary>
/// One piece of why a photo ranked where it did: what kind of evidence (<c>meaning</c>, <c>caption words</c>, <c>name</c>,
/// <c>tag</c>), what it found, and how much it added to the score (null where the fusion does not add scores up:
/// reciprocal rank, or a keyword-only search).
/// </summary>
public sealed record Evidence(string Kind, string Detail, double? Counted);
