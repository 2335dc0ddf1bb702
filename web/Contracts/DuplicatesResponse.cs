namespace Retrieval.Web.Contracts;

/// <summary>Every photo that repeats another, by path, and the similarity the near ones were told from.</summary>
public sealed record DuplicatesResponse(IReadOnlyList<DuplicateResult> Duplicates, float? MinSimilarity);
