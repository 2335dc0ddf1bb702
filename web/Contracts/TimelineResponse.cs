namespace Retrieval.Web.Contracts;

/// <summary>
/// The photos a search (or the whole library) holds by when they were taken: how many in all (<c>Total</c>, the undated
/// ones among them), and each year's months that hold any, newest first.
/// </summary>
public sealed record TimelineResponse(long Total, long Undated, IReadOnlyList<TimelineYear> Years);
