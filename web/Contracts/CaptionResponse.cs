namespace Retrieval.Web.Contracts;

/// <summary>Captions ranked for an image, best first.</summary>
public sealed record CaptionResponse(IReadOnlyList<CaptionResult> Results);
