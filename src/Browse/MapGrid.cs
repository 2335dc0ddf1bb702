using Retrieval.Catalog;

namespace Retrieval.Browse;

/// <summary>
/// Fits the cells where photos were taken to what a world map can draw: from a fine grid, cells are merged into a grid twice
/// as coarse until no more than a given number are left. Each grid nests in the next (sizes double from the finest), and a
/// cell's mean position lies inside it, so a cell merges into the coarse cell its mean falls in.
/// </summary>
public static class MapGrid
{
    /// <summary>The finest grid, in degrees (about 28 km at the equator): a city's photos as one point.</summary>
    public const double FinestCellDegrees = 0.25;

    /// <summary>The most points a map is given: a world map stays readable and its answer small.</summary>
    public const int MaxPoints = 2000;

    /// <summary>
    /// <paramref name="cells"/> (on a grid of <paramref name="cellDegrees"/>) merged into coarser grids until at most
    /// <paramref name="maxPoints"/> are left: counts add up, positions are the mean of every photo, and the cover is the
    /// busiest part's.
    /// </summary>
    public static MapPoints Fit(IReadOnlyList<MapCell> cells, double cellDegrees, int maxPoints = MaxPoints)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var size = cellDegrees;
        // At 180 degrees a grid has two cells: the loop always ends.
        while (cells.Count > maxPoints && size < 180)
        {
            size = Math.Min(size * 2, 180);
            cells = Merge(cells, size);
        }

        return new MapPoints(cells, size);
    }

    private static List<MapCell> Merge(IReadOnlyList<MapCell> cells, double size)
    {
        var merged = new Dictionary<(int Row, int Column), (double Latitude, double Longitude, long Count, MapCell Busiest)>();
        foreach (var cell in cells)
        {
            var key = MapCell.GridCell(cell.Latitude, cell.Longitude, size);
            merged[key] = merged.TryGetValue(key, out var sum)
                ? (sum.Latitude + (cell.Latitude * cell.Count), sum.Longitude + (cell.Longitude * cell.Count), sum.Count + cell.Count,
                    cell.Count > sum.Busiest.Count ? cell : sum.Busiest)
                : (cell.Latitude * cell.Count, cell.Longitude * cell.Count, cell.Count, cell);
        }

        return [.. merged.OrderBy(m => m.Key).Select(m => new MapCell(m.Value.Latitude / m.Value.Count, m.Value.Longitude / m.Value.Count, m.Value.Count, m.Value.Busiest.Cover))];
    }
}
