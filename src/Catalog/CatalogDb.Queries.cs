using System.Globalization;
using Microsoft.Data.Sqlite;
using System.Text;

namespace Retrieval.Catalog;

/// <summary>What searches and <c>retrieval status</c> read: photos and captions by id, counts, failures, duplicates.</summary>
public sealed partial class CatalogDb
{
    /// <summary>The photos among <paramref name="ids"/> that exist, with their captions.</summary>
    public IReadOnlyDictionary<long, PhotoSummary> Photos(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var photos = new Dictionary<long, PhotoSummary>(ids.Count);
        if (ids.Count == 0)
        {
            return photos;
        }

        var captions = GroupedByPhoto("captions", "text", ids, reader => reader.GetString(1));
        using (var command = Command($"""
            SELECT id, path, folder, root, width, height, taken_at, camera_make, camera_model, status, mtime, kind, duration, poster_at, format, latitude, longitude, codec,
                   places.name, places.city, places.region, places.country, places.code, places.distance_km
            FROM photos LEFT JOIN places ON places.photo_id = photos.id WHERE id IN ({InList(ids)})
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var make = reader.IsDBNull(7) ? null : reader.GetString(7);
                var model = reader.IsDBNull(8) ? null : reader.GetString(8);
                photos[id] = new PhotoSummary(id, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), Camera(make, model), reader.GetString(9),
                    captions.TryGetValue(id, out var texts) ? texts : [])
                {
                    Modified = reader.GetInt64(10),
                    Kind = reader.GetString(11),
                    Duration = reader.IsDBNull(12) ? null : reader.GetDouble(12),
                    PosterAt = reader.IsDBNull(13) ? null : reader.GetDouble(13),
                    Format = reader.IsDBNull(14) ? null : reader.GetString(14),
                    Latitude = reader.IsDBNull(15) ? null : reader.GetDouble(15),
                    Longitude = reader.IsDBNull(16) ? null : reader.GetDouble(16),
                    Codec = reader.IsDBNull(17) ? null : reader.GetString(17),
                    Place = PlaceAt(reader, 18),
                };
            }
        }

        return photos;
    }

    /// <summary>The tags of each of <paramref name="photoIds"/> that has any, in the order they were recorded.</summary>
    public IReadOnlyDictionary<long, List<string>> TagsOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("tags", "tag", photoIds, reader => reader.GetString(1));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, List<TextLine>> TextOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("text_lines", "text, box, confidence", photoIds, reader =>
        {
            var b = System.Text.Json.JsonSerializer.Deserialize<float[]>(reader.GetString(2)) ?? new float[8];
            return new TextLine(reader.GetString(1), new TextBox(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]), (float)reader.GetDouble(3));
        }, orderBy: "line");

    /// <inheritdoc />
    public IReadOnlyDictionary<long, List<TagText>> TagDetailsOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("tags", "tag, source, confidence", photoIds, reader => new TagText(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetDouble(3)));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, List<(string Field, string Value)>> FieldsOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("fields", "field, value", photoIds, reader => (reader.GetString(1), reader.GetString(2)), orderBy: "rowid");

    /// <summary>How many photos are in each state.</summary>
    public CatalogCounts Counts()
    {
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = Command("SELECT status, count(*) FROM photos GROUP BY status"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                byStatus[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new CatalogCounts(byStatus.GetValueOrDefault(PhotoStatus.Indexed), byStatus.GetValueOrDefault(PhotoStatus.Pending),
            byStatus.GetValueOrDefault(PhotoStatus.Failed), byStatus.GetValueOrDefault(PhotoStatus.Duplicate),
            Convert.ToInt64(Scalar("SELECT count(*) FROM captions"), CultureInfo.InvariantCulture),
            Convert.ToInt64(Scalar("SELECT count(*) FROM tags"), CultureInfo.InvariantCulture), byStatus.GetValueOrDefault(PhotoStatus.Companion));
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Format, long Photos)> FormatCounts()
    {
        var formats = new List<(string, long)>();
        using var command = Command("SELECT coalesce(format, 'unknown'), count(*) AS n FROM photos WHERE status = 'indexed' GROUP BY 1 ORDER BY n DESC, 1");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            formats.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return formats;
    }

    /// <summary>Every file that could not be indexed, and why.</summary>
    public IReadOnlyList<(string Path, string Reason)> Failures()
    {
        var failures = new List<(string, string)>();
        using var command = Command("SELECT path, coalesce(error, '') FROM photos WHERE status = 'failed' ORDER BY path");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            failures.Add((reader.GetString(0), reader.GetString(1)));
        }

        return failures;
    }

    /// <summary>Every exact duplicate, with the photo it repeats.</summary>
    public IReadOnlyList<(long Id, string Path, long OriginalId, string Original)> Duplicates()
    {
        var duplicates = new List<(long, string, long, string)>();
        using var command = Command("""
            SELECT d.id, d.path, o.id, o.path FROM photos d JOIN photos o ON o.id = d.duplicate_of
            WHERE d.status = 'duplicate' ORDER BY d.path
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            duplicates.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return duplicates;
    }

    /// <summary>The ids of the photos at <paramref name="path"/> or, if it is a folder, under it.</summary>
    public IReadOnlyList<long> PhotoIdsUnder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = path.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        var ids = new List<long>();
        // substr, not LIKE: paths may hold % and _.
        using var command = Command("SELECT id FROM photos WHERE path = $path OR substr(path, 1, length($folder)) = $folder", ("$path", path), ("$folder", folder));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> SearchableIds(PhotoFilter filter) => [.. Allowed(filter, CancellationToken.None).Select(row => row.GetInt64(0))];

    /// <summary>
    /// The searchable photos <paramref name="filter"/> allows, one row each: id, folder, root, latitude and longitude (columns 0
    /// to 4), then the columns <paramref name="columns"/> names (", taken_at"), kept to <paramref name="condition"/> (SQL over the photos' columns, with
    /// <paramref name="parameters"/>) and ordered by <paramref name="orderBy"/>. The one place a filter becomes SQL: every query
    /// that lists photos by a filter reads through it, so each condition applies everywhere. The reader moves on with each row.
    /// </summary>
    private IEnumerable<SqliteDataReader> Allowed(PhotoFilter filter, CancellationToken cancellationToken, string columns = "", string condition = "1",
        string orderBy = "id", params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // instr(lower()), not LIKE: the camera text may hold % and _. Dates compare as ISO text with the stored EXIF date.
        // The columns, condition and order are this class's constants; every value is a parameter.
        using var command = Command($"""
            SELECT id, folder, root, latitude, longitude{columns} FROM photos
            WHERE status = 'indexed'
              AND ($south IS NULL OR (latitude BETWEEN $south AND $north AND longitude IS NOT NULL))
              AND ($from IS NULL OR taken_at >= $from) AND ($before IS NULL OR taken_at < $before)
              AND ($camera IS NULL OR instr(lower(coalesce(camera_make, '') || ' ' || coalesce(camera_model, '')), lower($camera)) > 0)
              AND ($kind IS NULL OR kind = $kind)
              AND ($place IS NULL OR EXISTS (SELECT 1 FROM fields WHERE fields.photo_id = photos.id AND fields.field = 'place' AND lower(fields.value) = lower($place)))
              AND ({condition})
            ORDER BY {orderBy}
            """, [("$from", IsoDate(filter.After)), ("$before", IsoDate(filter.Before)), ("$camera", filter.Camera), ("$kind", filter.Kind), ("$place", filter.Place),
            ("$south", filter.Near?.South), ("$north", filter.Near?.North), .. parameters]);
        var (withPeople, withoutPeople) = PeopleSets(filter);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = reader.GetInt64(0);
            if ((filter.Ids is null || filter.Ids.Contains(id)) && (withPeople is null || withPeople.Contains(id)) && !withoutPeople.Contains(id) && (filter.Folder is not { } name || FolderMatch.Matches(name, reader.GetString(1), reader.GetString(2)))
                && (filter.Near is not { } near || near.Contains(reader.GetDouble(3), reader.GetDouble(4))))
            {
                yield return reader;
            }
        }
    }

    /// <summary>
    /// The photos holding every person <paramref name="filter"/> asks for (null when it asks for none), and those holding
    /// anyone it leaves out. Each name asked may match several people (two Annas): any of them will do.
    /// </summary>
    private (HashSet<long>? With, IReadOnlySet<long> Without) PeopleSets(PhotoFilter filter)
    {
        HashSet<long>? with = null;
        foreach (var asked in filter.People)
        {
            var photos = PhotosWithAnyOf(PeopleMatching(asked));
            with = with is null ? [.. photos] : [.. with.Where(photos.Contains)];
        }

        var without = filter.ExcludedPeople.Count == 0 ? new HashSet<long>() : PhotosWithAnyOf([.. filter.ExcludedPeople.SelectMany(PeopleMatching).Distinct()]);
        return (with, without);
    }

    /// <summary>The folders indexed so far (the roots photos were found under).</summary>
    public IReadOnlyList<string> Roots()
    {
        using var command = Command("SELECT DISTINCT root FROM photos ORDER BY root");
        using var reader = command.ExecuteReader();
        var roots = new List<string>();
        while (reader.Read())
        {
            roots.Add(reader.GetString(0));
        }

        return roots;
    }

    /// <summary>The place in a <c>places</c> row's columns name, city, region, country, code, distance_km from <paramref name="first"/>; null for none or the sea.</summary>
    private static PhotoPlace? PlaceAt(SqliteDataReader reader, int first) =>
        reader.IsDBNull(first + 4) ? null
        : new PhotoPlace(NullableText(reader, first), NullableText(reader, first + 1), NullableText(reader, first + 2), reader.GetString(first + 3), reader.GetString(first + 4),
            reader.IsDBNull(first + 5) ? null : reader.GetDouble(first + 5));

    private static string? NullableText(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static string? IsoDate(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Camera(string? make, string? model) =>
        make is null ? model
        : model is null ? make
        : model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model
        : $"{make} {model}";

    /// <summary>One column of a per-photo table, grouped by photo in row order, for the photos of <paramref name="photoIds"/>.</summary>
    private Dictionary<long, List<T>> GroupedByPhoto<T>(string table, string column, IReadOnlyCollection<long> photoIds, Func<SqliteDataReader, T> read, string orderBy = "id")
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        var groups = new Dictionary<long, List<T>>();
        if (photoIds.Count == 0)
        {
            return groups;
        }

        // Table and column are this class's constants; the ids are numbers we hold.
        using var command = Command($"SELECT photo_id, {column} FROM {table} WHERE photo_id IN ({InList(photoIds)}) ORDER BY {orderBy}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var photo = reader.GetInt64(0);
            if (!groups.TryGetValue(photo, out var values))
            {
                groups[photo] = values = [];
            }

            values.Add(read(reader));
        }

        return groups;
    }

    private static string InList(IReadOnlyCollection<long> ids)
    {
        // Ids are numbers we hold, never user text: inlining them keeps one statement per lookup.
        var list = new StringBuilder(ids.Count * 8);
        foreach (var id in ids)
        {
            list.Append(list.Length == 0 ? "" : ",").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return list.ToString();
    }
}
