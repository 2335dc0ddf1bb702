namespace Retrieval.Places;

/// <summary>
/// Which country's land a position is on, from a raster of small cells (0.05 degree in the shipped file) stored as
/// runs along each row of latitude: a row is a handful of runs (sea, country, sea, …), so a lookup is one binary
/// search in a short array. A raster rather than polygons because it is smaller, needs no point-in-polygon test and
/// costs the same everywhere. Sea within about 11 km of land is given that land's country at build time (beaches, piers,
/// small islands; see data/places/README.md), which also hides the raster's own error of half a cell (under 3 km).
/// </summary>
internal sealed class CountryRaster
{
    /// <summary>The run value of cells on no country's land (sea, lakes the borders leave out).</summary>
    public const ushort NoCountry = 0xFFFF;

    private readonly int _cellsPerDegree;
    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _rowStart;
    private readonly ushort[] _runColumn;
    private readonly ushort[] _runCountry;

    /// <param name="cellsPerDegree">Cells per degree of latitude and of longitude.</param>
    /// <param name="rowStart">Where each row's runs start in the run arrays (one more entry than rows).</param>
    /// <param name="runColumn">Each run's first column, ascending within a row, the first run of a row at 0.</param>
    /// <param name="runCountry">Each run's country index, or <see cref="NoCountry"/>.</param>
    public CountryRaster(int cellsPerDegree, int[] rowStart, ushort[] runColumn, ushort[] runCountry)
    {
        _cellsPerDegree = cellsPerDegree;
        _rows = 180 * cellsPerDegree;
        _columns = 360 * cellsPerDegree;
        _rowStart = rowStart;
        _runColumn = runColumn;
        _runCountry = runCountry;
    }

    /// <summary>The index of the country whose land holds the position, or -1 (sea). Expects a valid position.</summary>
    public int CountryAt(double latitude, double longitude)
    {
        var row = Math.Min((int)((latitude + 90) * _cellsPerDegree), _rows - 1);
        var column = (int)((longitude + 180) * _cellsPerDegree);
        if (column >= _columns)
        {
            column -= _columns; // 180° east is 180° west
        }

        var start = _rowStart[row];
        var runs = _runColumn.AsSpan(start, _rowStart[row + 1] - start);
        var found = runs.BinarySearch((ushort)column);
        var run = found >= 0 ? found : ~found - 1; // the last run starting at or before the column
        var country = _runCountry[start + run];
        return country == NoCountry ? -1 : country;
    }
}
