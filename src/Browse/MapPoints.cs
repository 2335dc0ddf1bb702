using Retrieval.Catalog;

namespace Retrieval.Browse;

/// <summary>Where photos were taken, as the points a map draws: one per cell of a grid of <c>CellDegrees</c>.</summary>
public sealed record MapPoints(IReadOnlyList<MapCell> Points, double CellDegrees);
