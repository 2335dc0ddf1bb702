namespace Retrieval.Web.Contracts;

/// <summary>Where photos were taken: one point per cell of a grid of <c>CellDegrees</c> degrees that holds any.</summary>
public sealed record MapResponse(IReadOnlyList<MapPoint> Points, double CellDegrees);
