namespace Retrieval.Places;

/// <summary>
/// The nearest place to a position, within a distance: places bucketed in cells of 0.25 degree, stored cell by cell
/// as unit vectors. Distances compare as chords between unit vectors, which need no trigonometry per place, order
/// exactly as great-circle distances, and have no seam at the antimeridian nor singularity at the poles. The cells of
/// one row of latitude are contiguous, so a search window is one span per row.
/// </summary>
/// <remarks>
/// A search first scans a window of 5 km around the position (one to four cells), which settles it wherever the
/// nearest town is closer than that; otherwise it scans the window the best distance so far (or the limit) calls for.
/// Open sea and empty land cost a scan of the limit's window, of empty cells.
/// </remarks>
internal sealed class PlaceGrid
{
    /// <summary>The mean Earth radius (IUGG), the one the haversine distance is usually given with.</summary>
    public const double EarthRadiusKm = 6371.0088;

    private const double CellDegrees = 0.25;
    private const int Rows = 720;
    private const int Columns = 1440;
    private const double KmPerDegree = EarthRadiusKm * Math.PI / 180;
    private const double FirstWindowKm = 5;

    private readonly int[] _cellStart;
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _z;
    private readonly int[] _place;

    /// <summary>Buckets places given by latitude and longitude in 1e-5 degree, as the file stores them.</summary>
    public PlaceGrid(int[] latitudeE5, int[] longitudeE5)
    {
        var count = latitudeE5.Length;
        var cellOf = new int[count];
        _cellStart = new int[Rows * Columns + 1];
        for (var i = 0; i < count; i++)
        {
            cellOf[i] = Cell(latitudeE5[i] * 1e-5, longitudeE5[i] * 1e-5);
            _cellStart[cellOf[i] + 1]++;
        }

        for (var c = 0; c < Rows * Columns; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }

        _x = new float[count];
        _y = new float[count];
        _z = new float[count];
        _place = new int[count];
        var next = _cellStart[..^1];
        for (var i = 0; i < count; i++)
        {
            var at = next[cellOf[i]]++;
            var (x, y, z) = UnitVector(latitudeE5[i] * 1e-5, longitudeE5[i] * 1e-5);
            (_x[at], _y[at], _z[at], _place[at]) = ((float)x, (float)y, (float)z, i);
        }
    }

    /// <summary>
    /// Finds the place nearest to a valid position, if one lies within <paramref name="maxKm"/>; ties go to the place
    /// stored first.
    /// </summary>
    public bool TryNearest(double latitude, double longitude, double maxKm, out int place, out double distanceKm)
    {
        var (qx, qy, qz) = UnitVector(latitude, longitude);
        var query = new Query((float)qx, (float)qy, (float)qz);
        var first = Math.Min(FirstWindowKm, maxKm);
        Scan(latitude, longitude, first, ref query);
        if (query.Best < 0 || query.BestChord2 > Chord2(first))
        {
            var radius = query.Best < 0 ? maxKm : Math.Min(maxKm, Kilometres(query.BestChord2));
            Scan(latitude, longitude, radius, ref query);
        }

        if (query.Best < 0 || query.BestChord2 > Chord2(maxKm))
        {
            (place, distanceKm) = (-1, double.NaN);
            return false;
        }

        (place, distanceKm) = (_place[query.Best], Kilometres(query.BestChord2));
        return true;
    }

    /// <summary>Scans every cell a circle of <paramref name="radiusKm"/> around the position touches.</summary>
    private void Scan(double latitude, double longitude, double radiusKm, ref Query query)
    {
        var degrees = radiusKm / KmPerDegree;
        double south = latitude - degrees, north = latitude + degrees;
        var rowLow = Math.Max(0, (int)Math.Floor((south + 90) / CellDegrees));
        var rowHigh = Math.Min(Rows - 1, (int)Math.Floor((north + 90) / CellDegrees));
        int columnLow = 0, columnHigh = Columns - 1;
        if (south > -90 && north < 90)
        {
            // A point within the radius is at most this much longitude away: degrees / cos(latitude) at the
            // window's edge nearest a pole bounds asin(sin(d) / cos(latitude)) from above.
            var spread = degrees / Math.Cos(Math.Max(Math.Abs(south), Math.Abs(north)) * (Math.PI / 180));
            if (spread < 180)
            {
                columnLow = (int)Math.Floor((longitude - spread + 180) / CellDegrees);
                columnHigh = (int)Math.Floor((longitude + spread + 180) / CellDegrees);
                if (columnHigh - columnLow + 1 >= Columns)
                {
                    (columnLow, columnHigh) = (0, Columns - 1);
                }
            }
        }

        for (var row = rowLow; row <= rowHigh; row++)
        {
            var rowCell = row * Columns;
            if (columnLow < 0)
            {
                ScanCells(rowCell + columnLow + Columns, rowCell + Columns - 1, ref query);
                ScanCells(rowCell, rowCell + columnHigh, ref query);
            }
            else if (columnHigh >= Columns)
            {
                ScanCells(rowCell + columnLow, rowCell + Columns - 1, ref query);
                ScanCells(rowCell, rowCell + columnHigh - Columns, ref query);
            }
            else
            {
                ScanCells(rowCell + columnLow, rowCell + columnHigh, ref query);
            }
        }
    }

    private void ScanCells(int firstCell, int lastCell, ref Query query)
    {
        var end = _cellStart[lastCell + 1];
        var x = _x;
        var y = _y;
        var z = _z;
        for (var i = _cellStart[firstCell]; i < end; i++)
        {
            var dx = x[i] - query.X;
            var dy = y[i] - query.Y;
            var dz = z[i] - query.Z;
            var chord2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (chord2 < query.BestChord2)
            {
                (query.BestChord2, query.Best) = (chord2, i);
            }
        }
    }

    private static int Cell(double latitude, double longitude)
    {
        var row = Math.Clamp((int)Math.Floor((latitude + 90) / CellDegrees), 0, Rows - 1);
        var column = (int)Math.Floor((longitude + 180) / CellDegrees);
        column = ((column % Columns) + Columns) % Columns;
        return (row * Columns) + column;
    }

    private static (double X, double Y, double Z) UnitVector(double latitude, double longitude)
    {
        var (sinLat, cosLat) = Math.SinCos(latitude * (Math.PI / 180));
        var (sinLon, cosLon) = Math.SinCos(longitude * (Math.PI / 180));
        return (cosLat * cosLon, cosLat * sinLon, sinLat);
    }

    /// <summary>The squared chord between two points on the unit sphere <paramref name="km"/> apart on the Earth.</summary>
    private static float Chord2(double km)
    {
        var chord = 2 * Math.Sin(Math.Min(Math.PI, km / EarthRadiusKm) / 2);
        return (float)(chord * chord);
    }

    private static double Kilometres(float chord2) => 2 * Math.Asin(Math.Min(1, Math.Sqrt(chord2) / 2)) * EarthRadiusKm;

    /// <summary>The position asked about and the best place so far (an index into the sorted arrays).</summary>
    private struct Query(float x, float y, float z)
    {
        public readonly float X = x;
        public readonly float Y = y;
        public readonly float Z = z;
        public int Best = -1;
        public float BestChord2 = float.PositiveInfinity;
    }
}
