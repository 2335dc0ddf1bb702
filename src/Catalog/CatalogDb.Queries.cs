using System.Globalization;
using Microsoft.Data.Sqlite;
using System.Text;

namespace Retrieval.Catalog;

/// <summary>What searches and <c>retrieval status</c> read: photos and captions by id, counts, failures, duplicates.</summary>
public sealed partial class CatalogDb
{
    /// <summary>The photos among <paramref name="ids"/> that exist, with their captions.</summary>
    public Dictionary<long, PhotoSummary> Photos(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var photos = new Dictionary<long, PhotoSummary>(ids.Count);
        if (ids.Count == 0)
        {
            return photos;
        }

        var captions = GroupedByPhoto("captions", "text", ids, reader => reader.GetString(1));
        using (var command = Command($"SELECT id, path, folder, root, width, height, taken_at, camera_make, camera_model, status FROM photos WHERE id IN ({InList(ids)})"))
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
                    captions.TryGetValue(id, out var texts) ? texts : []);
            }
        }

        return photos;
    }

    /// <summary>The captions among <paramref name="ids"/>: their photo and text.</summary>
    public Dictionary<long, (long PhotoId, string Text)> Captions(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var captions = new Dictionary<long, (long, string)>(ids.Count);
        if (ids.Count == 0)
        {
            return captions;
        }

        using var command = Command($"SELECT id, photo_id, text FROM captions WHERE id IN ({InList(ids)})");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            captions[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetString(2));
        }

        return captions;
    }

    /// <summary>The caption ids of each of <paramref name="photoIds"/> that has captions.</summary>
    public Dictionary<long, List<long>> CaptionIdsOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("captions", "id", photoIds, reader => reader.GetInt64(1));

    /// <summary>The captions of one photo, with their ids.</summary>
    public List<(long Id, string Text)> CaptionsOf(long photoId)
    {
        var captions = new List<(long, string)>();
        using var command = Command("SELECT id, text FROM captions WHERE photo_id = $id ORDER BY id", ("$id", photoId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            captions.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return captions;
    }

    /// <summary>The tags of each of <paramref name="photoIds"/> that has any, in the order they were recorded.</summary>
    public Dictionary<long, List<string>> TagsOf(IReadOnlyCollection<long> photoIds) =>
        GroupedByPhoto("tags", "tag", photoIds, reader => reader.GetString(1));

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
            Convert.ToInt64(Scalar("SELECT count(*) FROM tags"), CultureInfo.InvariantCulture));
    }

    /// <summary>Every file that could not be indexed, and why.</summary>
    public List<(string Path, string Reason)> Failures()
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
    public List<(string Path, string Original)> Duplicates()
    {
        var duplicates = new List<(string, string)>();
        using var command = Command("""
            SELECT d.path, o.path FROM photos d JOIN photos o ON o.id = d.duplicate_of
            WHERE d.status = 'duplicate' ORDER BY d.path
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            duplicates.Add((reader.GetString(0), reader.GetString(1)));
        }

        return duplicates;
    }

    /// <summary>The ids of the photos at <paramref name="path"/> or, if it is a folder, under it.</summary>
    public List<long> PhotoIdsUnder(string path)
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

    /// <summary>
    /// The searchable photos that meet every condition given: taken on or after <paramref name="takenFrom"/>
    /// and before <paramref name="takenBefore"/> (ISO dates, compared with the stored EXIF date), a camera
    /// make or model holding <paramref name="camera"/>, a folder for which <paramref name="folderMatches"/>
    /// holds (given the folder and the indexed root).
    /// </summary>
    public List<long> SearchableIdsWhere(string? takenFrom, string? takenBefore, string? camera, Func<string, string, bool>? folderMatches)
    {
        // instr(lower()), not LIKE: the camera text may hold % and _.
        using var command = Command("""
            SELECT id, folder, root FROM photos
            WHERE status = 'indexed'
              AND ($from IS NULL OR taken_at >= $from) AND ($before IS NULL OR taken_at < $before)
              AND ($camera IS NULL OR instr(lower(coalesce(camera_make, '') || ' ' || coalesce(camera_model, '')), lower($camera)) > 0)
            """, ("$from", takenFrom), ("$before", takenBefore), ("$camera", camera));
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            if (folderMatches is null || folderMatches(reader.GetString(1), reader.GetString(2)))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return ids;
    }

    /// <summary>The folders indexed so far (the roots photos were found under).</summary>
    public List<string> Roots()
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

    private static string? Camera(string? make, string? model) =>
        make is null ? model
        : model is null ? make
        : model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model
        : $"{make} {model}";

    /// <summary>One column of a per-photo table, grouped by photo in row order, for the photos of <paramref name="photoIds"/>.</summary>
    private Dictionary<long, List<T>> GroupedByPhoto<T>(string table, string column, IReadOnlyCollection<long> photoIds, Func<SqliteDataReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        var groups = new Dictionary<long, List<T>>();
        if (photoIds.Count == 0)
        {
            return groups;
        }

        // Table and column are this class's constants; the ids are numbers we hold.
        using var command = Command($"SELECT photo_id, {column} FROM {table} WHERE photo_id IN ({InList(photoIds)}) ORDER BY id");
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
