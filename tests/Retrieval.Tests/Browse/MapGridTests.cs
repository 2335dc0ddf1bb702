using Retrieval.Browse;
using Retrieval.Catalog;

namespace Retrieval.Tests.Browse;

/// <summary>Cells merged into coarser grids until a map can draw them: counts kept, positions the mean of every photo, the busiest part's cover.</summary>
public sealed class MapGridTests
{
    [Fact]
    public void FewCells_StayAsTheyAre()
    {
        MapCell[] cells = [new(48.86, 2.34, 5, 1), new(51.5, -0.12, 2, 2)];
        var fitted = MapGrid.Fit(cells, MapGrid.FinestCellDegrees);
        Assert.Equal(cells, fitted.Points);
        Assert.Equal(MapGrid.FinestCellDegrees, fitted.CellDegrees);
    }

    [Fact]
    public void NeighbouringCells_MergeIntoOne_WeightedByTheirPhotos()
    {
        // Three quarter-degree cells of one half-degree cell, and one far away.
        MapCell[] cells = [new(48.1, 2.1, 1, 10), new(48.1, 2.4, 3, 11), new(48.4, 2.1, 1, 12), new(-33.86, 151.2, 4, 13)];
        var fitted = MapGrid.Fit(cells, 0.25, maxPoints: 2);
        Assert.Equal(0.5, fitted.CellDegrees);
        Assert.Equal(2, fitted.Points.Count);
        var paris = Assert.Single(fitted.Points, p => p.Latitude > 0);
        Assert.Equal(5, paris.Count);
        Assert.Equal(11, paris.Cover); // the busiest part's
        Assert.Equal(((48.1 * 4) + 48.4) / 5, paris.Latitude, 9);
        Assert.Equal((2.1 + (2.4 * 3) + 2.1) / 5, paris.Longitude, 9);
        Assert.Equal(new MapCell(-33.86, 151.2, 4, 13), fitted.Points.Single(p => p.Latitude < 0));
    }

    [Fact]
    public void AWholeGlobeOfCells_FitsTheLimit_KeepingEveryPhoto()
    {
        var cells = new List<MapCell>();
        for (var latitude = -89.5; latitude < 90; latitude += 1)
        {
            for (var longitude = -179.5; longitude < 180; longitude += 1)
            {
                cells.Add(new MapCell(latitude, longitude, 2, cells.Count));
            }
        }

        var fitted = MapGrid.Fit(cells, 1);
        Assert.InRange(fitted.Points.Count, 1, MapGrid.MaxPoints);
        Assert.Equal(8, fitted.CellDegrees); // 2 degrees leave 16,200 cells, 4 leave 4,050, 8 leave 1,035
        Assert.Equal(cells.Sum(c => c.Count), fitted.Points.Sum(p => p.Count));
        Assert.All(fitted.Points, p => Assert.InRange(p.Latitude, -90, 90));
    }
}
