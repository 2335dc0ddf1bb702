using System.Globalization;

namespace Retrieval.Catalog;

/// <summary>
/// The library by time and place: the photos a filter allows counted by month, one month's photos, a day of the year in
/// earlier years, and where they were taken on a grid. Each reads through the one filter-to-SQL path (<c>Allowed</c>).
/// </summary>
public sealed partial class CatalogDb
{
    /// <summary>Newest taken first; photos without a date last (SQLite sorts NULL lowest), then newest id first.</summary>
    private const string NewestFirst = "taken_at DESC, id DESC";

    /// <summary>Where <c>", taken_at"</c> asked of <c>Allowed</c> is read: after the id, folder, root and position it always gives.</summary>
    private const int TakenAt = 5;

    /// <summary>Positions a camera could have been at: in range, and not exactly (0, 0), what cameras write without a fix.</summary>
    private const string Placed = "latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180 AND NOT (latitude = 0 AND longitude = 0)";

    /// <inheritdoc />
    public TimelineCounts Timeline(PhotoFilter filter, CancellationToken cancellationToken = default)
    {
        var months = new List<MonthCount>();
        long undated = 0;
        // Newest first, so each month's rows come together and its first row is its cover.
        foreach (var row in Allowed(filter, cancellationToken, ", taken_at", orderBy: NewestFirst))
        {
            if (row.IsDBNull(TakenAt) || !TryYearMonth(row.GetString(TakenAt), out var year, out var month))
            {
                undated++;
            }
            else if (months.Count > 0 && months[^1] is { } last && last.Year == year && last.Month == month)
            {
                months[^1] = last with { Count = last.Count + 1 };
            }
            else
            {
                months.Add(new MonthCount(year, month, 1, row.GetInt64(0)));
            }
        }

        return new TimelineCounts(months, undated);
    }

    /// <inheritdoc />
    public PhotoPage TakenIn(PhotoFilter filter, int year, int month, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var ids = new List<long>(limit);
        long total = 0;
        // The stored date taken is ISO text ("2019-07-14T10:00:00"): its first seven characters are its month.
        foreach (var row in Allowed(filter, cancellationToken, condition: "substr(taken_at, 1, 7) = $month", orderBy: NewestFirst,
            parameters: ("$month", string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}"))))
        {
            if (total++ >= offset && ids.Count < limit)
            {
                ids.Add(row.GetInt64(0));
            }
        }

        return new PhotoPage(ids, total);
    }

    /// <inheritdoc />
    public IReadOnlyList<(long Id, int Year)> TakenOnDay(PhotoFilter filter, int month, int day, int beforeYear, int perYear, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perYear);
        var found = new List<(long Id, int Year)>();
        var inYear = 0;
        foreach (var row in Allowed(filter, cancellationToken, ", taken_at", "substr(taken_at, 6, 5) = $day AND taken_at < $year", NewestFirst,
            ("$day", string.Create(CultureInfo.InvariantCulture, $"{month:00}-{day:00}")), ("$year", beforeYear.ToString("0000", CultureInfo.InvariantCulture))))
        {
            if (!TryYearMonth(row.GetString(TakenAt), out var year, out _))
            {
                continue;
            }

            inYear = found.Count > 0 && found[^1].Year == year ? inYear + 1 : 1;
            if (inYear <= perYear)
            {
                found.Add((row.GetInt64(0), year));
            }
        }

        return found;
    }

    /// <inheritdoc />
    public IReadOnlyList<MapCell> MapCells(PhotoFilter filter, double cellDegrees, CancellationToken cancellationToken = default)
    {
        if (!(cellDegrees is > 0 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(cellDegrees), cellDegrees, "a cell is more than 0 and at most 180 degrees");
        }

        var cells = new Dictionary<(int Row, int Column), (double Latitude, double Longitude, long Count, long Cover)>();
        // Newest first: the first photo met in a cell is its cover.
        foreach (var row in Allowed(filter, cancellationToken, "", Placed, NewestFirst))
        {
            var (latitude, longitude) = (row.GetDouble(3), row.GetDouble(4));
            var key = MapCell.GridCell(latitude, longitude, cellDegrees);
            cells[key] = cells.TryGetValue(key, out var sum)
                ? (sum.Latitude + latitude, sum.Longitude + longitude, sum.Count + 1, sum.Cover)
                : (latitude, longitude, 1, row.GetInt64(0));
        }

        return [.. cells.OrderBy(c => c.Key).Select(c => new MapCell(c.Value.Latitude / c.Value.Count, c.Value.Longitude / c.Value.Count, c.Value.Count, c.Value.Cover))];
    }

    /// <summary>The year and month of a stored date taken ("2019-07-14T10:00:00"); false for text that is not one.</summary>
    private static bool TryYearMonth(string taken, out int year, out int month)
    {
        (year, month) = (0, 0);
        return taken.Length >= 7 && taken[4] == '-'
            && int.TryParse(taken.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year) && year >= 1
            && int.TryParse(taken.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month) && month is >= 1 and <= 12;
    }
}
