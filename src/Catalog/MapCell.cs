namespace Retrieval.Catalog;

/// <summary>
/// The photos taken within one cell of a latitude/longitude grid: their mean position, how many, and the cover (the newest of
/// them, or of a merged cell the busiest part's).
/// </summary>
public sealed record MapCell(double Latitude, double Longitude, long Count, long Cover)
{
    /// <summary>
    /// The cell of a grid of <paramref name="size"/> degrees that a position falls in, counted from (-90, -180); the north pole
    /// and the antimeridian's east side belong to the last row and column.
    /// </summary>
    public static (int Row, int Column) GridCell(double latitude, double longitude, double size) =>
        (Index(latitude + 90, size, 180), Index(longitude + 180, size, 360));

    private static int Index(double offset, double size, double span) => (int)Math.Min(Math.Floor(offset / size), Math.Ceiling(span / size) - 1);
}
