using System.Globalization;

namespace Retrieval.Catalog;

/// <summary>What a processed photo holds: metadata, captions and tags, written before its vectors, and the mark that it is done.</summary>
public sealed partial class CatalogDb
{
    /// <inheritdoc />
    public IReadOnlyList<long> PhotosWithTextUnread() => Ids("SELECT id FROM photos WHERE status = 'indexed' AND text_read = 0 ORDER BY id");

    /// <inheritdoc />
    public int RetryFailed(string reason) =>
        Execute($"UPDATE photos SET status = 'pending', work = {(int)PendingWork.All}, error = NULL WHERE status = 'failed' AND error = $reason", ("$reason", reason));

    /// <inheritdoc />
    public long FailedWith(string reason) => (long)Scalar("SELECT count(*) FROM photos WHERE status = 'failed' AND error = $reason", ("$reason", reason))!;

    /// <inheritdoc />
    public IReadOnlyList<long> VideosWithoutItems(string collection) => Ids("""
        SELECT id FROM photos
        WHERE status = 'indexed' AND kind = 'video' AND NOT EXISTS (SELECT 1 FROM items WHERE items.collection = $collection AND items.photo_id = photos.id)
        ORDER BY id
        """, ("$collection", collection));

    /// <inheritdoc />
    public int QueueWork(IReadOnlyCollection<long> ids, PendingWork work)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var command = Command("UPDATE photos SET status = 'pending', work = work | $work WHERE id = $id AND status = 'indexed'", ("$id", 0L), ("$work", (int)work));
        var queued = 0;
        foreach (var id in ids)
        {
            command.Parameters["$id"].Value = id;
            queued += command.ExecuteNonQuery();
        }

        return queued;
    }

    /// <inheritdoc />
    public void RecordText(long id, IReadOnlyList<TextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Execute("DELETE FROM text_lines WHERE photo_id = $id", ("$id", id));
        Execute("UPDATE photos SET text_read = 1 WHERE id = $id", ("$id", id));
        using var insert = Command("INSERT INTO text_lines (photo_id, line, text, box, confidence) VALUES ($id, $line, $text, $box, $confidence)",
            ("$id", id), ("$line", 0), ("$text", ""), ("$box", ""), ("$confidence", 0.0));
        for (var i = 0; i < lines.Count; i++)
        {
            var b = lines[i].Box;
            insert.Parameters["$line"].Value = i;
            insert.Parameters["$text"].Value = lines[i].Text;
            insert.Parameters["$box"].Value = System.Text.Json.JsonSerializer.Serialize((float[])[b.X0, b.Y0, b.X1, b.Y1, b.X2, b.Y2, b.X3, b.Y3]);
            insert.Parameters["$confidence"].Value = (double)lines[i].Confidence;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Records what was read from a photo: metadata columns, its captions replacing the old ones, and its tags replacing
    /// those of every source but <paramref name="keptSources"/> (the tags analyzers make: they come from the image, which
    /// is not analysed again when only captions changed). The photo stays pending until <see cref="MarkIndexed"/>.
    /// </summary>
    public void RecordContent(long id, PhotoMetadata metadata, IReadOnlyList<CaptionText> captions, IReadOnlyList<TagText> tags, IReadOnlyCollection<string> keptSources)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(keptSources);
        Execute("""
            UPDATE photos SET width = coalesce($width, width), height = coalesce($height, height), format = coalesce($format, format),
                taken_at = $taken, camera_make = $make, camera_model = $model, latitude = $latitude, longitude = $longitude,
                orientation = $orientation, kind = $kind, duration = $duration, codec = $codec, poster_at = coalesce($poster, poster_at), error = NULL
            WHERE id = $id
            """, ("$kind", metadata.Kind), ("$duration", metadata.Duration), ("$codec", metadata.Codec), ("$poster", metadata.PosterAt), ("$id", id), ("$width", metadata.Width), ("$height", metadata.Height), ("$format", metadata.Format),
            ("$taken", metadata.TakenAt?.ToString("s", CultureInfo.InvariantCulture)), ("$make", metadata.CameraMake), ("$model", metadata.CameraModel),
            ("$latitude", metadata.Latitude), ("$longitude", metadata.Longitude), ("$orientation", metadata.Orientation));
        Execute("DELETE FROM captions WHERE photo_id = $id", ("$id", id));
        using (var insert = Command("INSERT INTO captions (photo_id, text, source) VALUES ($id, $text, $source)", ("$id", id), ("$text", ""), ("$source", "")))
        {
            foreach (var caption in captions)
            {
                insert.Parameters["$text"].Value = caption.Text;
                insert.Parameters["$source"].Value = caption.Source;
                insert.ExecuteNonQuery();
            }
        }

        Execute($"DELETE FROM tags WHERE photo_id = $id AND source NOT IN ({string.Join(", ", keptSources.Select((_, i) => $"$kept{i}"))})",
            [("$id", id), .. keptSources.Select((source, i) => ($"$kept{i}", (object?)source))]);
        InsertTags(id, tags);
    }

    /// <inheritdoc />
    public void ReplaceTags(long id, string source, IReadOnlyList<TagText> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Execute("DELETE FROM tags WHERE photo_id = $id AND source = $source", ("$id", id), ("$source", source));
        InsertTags(id, tags);
    }

    /// <inheritdoc />
    public void ReplaceField(long id, string field, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Execute("DELETE FROM fields WHERE photo_id = $id AND field = $field", ("$id", id), ("$field", field));
        using var insert = Command("INSERT INTO fields (photo_id, field, value) VALUES ($id, $field, $value)", ("$id", id), ("$field", field), ("$value", ""));
        foreach (var value in values)
        {
            insert.Parameters["$value"].Value = value;
            insert.ExecuteNonQuery();
        }
    }

    private void InsertTags(long id, IReadOnlyList<TagText> tags)
    {
        using var insert = Command("INSERT INTO tags (photo_id, tag, source, confidence) VALUES ($id, $tag, $source, $confidence)", ("$id", id), ("$tag", ""), ("$source", ""), ("$confidence", null));
        foreach (var tag in tags)
        {
            insert.Parameters["$tag"].Value = tag.Tag;
            insert.Parameters["$source"].Value = tag.Source;
            insert.Parameters["$confidence"].Value = (object?)tag.Confidence ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The photos' vectors and keyword documents are written: they are searchable.</summary>
    public void MarkIndexed(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var command = Command("UPDATE photos SET status = 'indexed', work = 0, indexed_at = $now WHERE id = $id",
            ("$id", 0L), ("$now", DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture)));
        foreach (var id in ids)
        {
            command.Parameters["$id"].Value = id;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Every imported caption (with --captions), by the file name it belongs to.</summary>
    public IReadOnlyDictionary<string, List<CaptionText>> AllImportedCaptions()
    {
        var captions = new Dictionary<string, List<CaptionText>>(StringComparer.Ordinal);
        using var command = Command("SELECT file_name, text, source FROM imported_captions ORDER BY rowid");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!captions.TryGetValue(name, out var list))
            {
                captions[name] = list = [];
            }

            list.Add(new CaptionText(reader.GetString(1), reader.GetString(2)));
        }

        return captions;
    }

    /// <summary>
    /// Imports captions by file name. Photos of those names that are already indexed are marked for their
    /// captions and keywords to be redone. Returns how many captions were new.
    /// </summary>
    public int ImportCaptions(IEnumerable<(string FileName, string Text)> captions, string source)
    {
        ArgumentNullException.ThrowIfNull(captions);
        var added = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        using (var insert = Command("INSERT OR IGNORE INTO imported_captions (file_name, text, source) VALUES ($name, $text, $source)", ("$name", ""), ("$text", ""), ("$source", source)))
        {
            foreach (var (name, text) in captions)
            {
                insert.Parameters["$name"].Value = name;
                insert.Parameters["$text"].Value = text;
                if (insert.ExecuteNonQuery() > 0)
                {
                    added++;
                    names.Add(name);
                }
            }
        }

        // Photos are found by the name at the end of their path; a LIKE per name would scan the table each time.
        using var photos = Command("SELECT id, path FROM photos WHERE status IN ('indexed', 'pending')");
        using var reader = photos.ExecuteReader();
        var touched = new List<long>();
        while (reader.Read())
        {
            if (names.Contains(System.IO.Path.GetFileName(reader.GetString(1))))
            {
                touched.Add(reader.GetInt64(0));
            }
        }

        reader.Close();
        using var mark = Command("UPDATE photos SET status = 'pending', work = work | $work WHERE id = $id", ("$id", 0L), ("$work", (int)(PendingWork.Captions | PendingWork.Keywords)));
        foreach (var id in touched)
        {
            mark.Parameters["$id"].Value = id;
            mark.ExecuteNonQuery();
        }

        return added;
    }
}
