using System.Globalization;

namespace Retrieval.Catalog;

/// <summary>
/// The vector collections as data: which exist and with which model, the items of many-per-photo collections (each
/// with its photo and payload), and the removals queued under each collection's name.
/// </summary>
public sealed partial class CatalogDb
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, bool> Collections()
    {
        var collections = new Dictionary<string, bool>(StringComparer.Ordinal);
        using var command = Command("SELECT name, one_per_photo FROM collections ORDER BY rowid");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            collections[reader.GetString(0)] = reader.GetInt64(1) != 0;
        }

        return collections;
    }

    /// <inheritdoc />
    public string? ModelOf(string collection) =>
        Scalar("SELECT model FROM collections WHERE name = $name", ("$name", collection)) as string;

    /// <inheritdoc />
    public bool DeclareCollection(CollectionKind collection, bool reset)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var known = ModelOf(collection.Name);
        reset |= known is not null && known != collection.ModelId;
        Execute("""
            INSERT INTO collections (name, model, dimension, one_per_photo) VALUES ($name, $model, $dimension, $one)
            ON CONFLICT (name) DO UPDATE SET model = excluded.model, dimension = excluded.dimension, one_per_photo = excluded.one_per_photo
            """, ("$name", collection.Name), ("$model", collection.ModelId), ("$dimension", collection.Dimension), ("$one", collection.OnePerPhoto));
        if (reset)
        {
            // Its vectors are dropped: what was queued for them is moot, its items go, and every photo is analysed again.
            Execute("DELETE FROM removals WHERE kind = $name", ("$name", collection.Name));
            Execute("DELETE FROM items WHERE collection = $name", ("$name", collection.Name));
            Execute("DELETE FROM analysed WHERE collection = $name", ("$name", collection.Name));
            Execute("UPDATE photos SET status = 'pending', work = work | $vectors WHERE status IN ('indexed', 'pending')",
                ("$vectors", (int)(PendingWork.Image | PendingWork.Captions)));
        }

        return reset;
    }

    /// <inheritdoc />
    public long[] ReplaceItems(string collection, long photoId, IReadOnlyList<string?> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        Execute("INSERT OR IGNORE INTO removals (kind, id) SELECT collection, id FROM items WHERE photo_id = $photo AND collection = $name",
            ("$photo", photoId), ("$name", collection));
        Execute("DELETE FROM items WHERE photo_id = $photo AND collection = $name", ("$photo", photoId), ("$name", collection));
        Execute("INSERT OR IGNORE INTO analysed (photo_id, collection) VALUES ($photo, $name)", ("$photo", photoId), ("$name", collection));
        var ids = new long[payloads.Count];
        using var insert = Command("INSERT INTO items (collection, photo_id, payload) VALUES ($name, $photo, $payload) RETURNING id",
            ("$name", collection), ("$photo", photoId), ("$payload", null));
        for (var i = 0; i < payloads.Count; i++)
        {
            insert.Parameters["$payload"].Value = (object?)payloads[i] ?? DBNull.Value;
            ids[i] = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> PhotosNotAnalysedFor(string collection) => Ids("""
        SELECT id FROM photos
        WHERE status = 'indexed' AND NOT EXISTS (SELECT 1 FROM analysed WHERE analysed.photo_id = photos.id AND analysed.collection = $collection)
        ORDER BY id
        """, ("$collection", collection));

    /// <inheritdoc />
    public void QueueRemoval(string kind, long id) =>
        Execute("INSERT OR IGNORE INTO removals (kind, id) VALUES ($kind, $id)", ("$kind", kind), ("$id", id));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, (long PhotoId, string? Payload)> Items(string collection, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var items = new Dictionary<long, (long, string?)>(ids.Count);
        if (ids.Count == 0)
        {
            return items;
        }

        using var command = Command($"SELECT id, photo_id, payload FROM items WHERE collection = $name AND id IN ({InList(ids)})", ("$name", collection));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items[reader.GetInt64(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return items;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, long> PhotosOfItems(CollectionKind kind, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(ids);
        return kind.OnePerPhoto
            ? ids.Distinct().ToDictionary(id => id, id => id)
            : Items(kind.Name, ids).ToDictionary(item => item.Key, item => item.Value.PhotoId);
    }

    /// <inheritdoc />
    public IReadOnlyList<string?> PayloadsOf(string collection, long photoId)
    {
        using var command = Command("SELECT payload FROM items WHERE collection = $name AND photo_id = $photo ORDER BY id", ("$name", collection), ("$photo", photoId));
        using var reader = command.ExecuteReader();
        var payloads = new List<string?>();
        while (reader.Read())
        {
            payloads.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return payloads;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, List<long>> ItemsOfPhotos(CollectionKind kind, IReadOnlyCollection<long> photoIds)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(photoIds);
        if (kind.OnePerPhoto)
        {
            return photoIds.Distinct().ToDictionary(id => id, id => new List<long> { id });
        }

        var groups = new Dictionary<long, List<long>>();
        if (photoIds.Count == 0)
        {
            return groups;
        }

        using var command = Command($"SELECT photo_id, id FROM items WHERE collection = $name AND photo_id IN ({InList(photoIds)}) ORDER BY id", ("$name", kind.Name));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var photo = reader.GetInt64(0);
            if (!groups.TryGetValue(photo, out var items))
            {
                groups[photo] = items = [];
            }

            items.Add(reader.GetInt64(1));
        }

        return groups;
    }

    /// <summary>Queues every vector and the keyword document of photo <paramref name="id"/> for removal, and forgets its items.</summary>
    private void QueueRemovalsOf(long id)
    {
        QueueVectorRemovalsOf(id);
        Execute("INSERT OR IGNORE INTO removals (kind, id) VALUES ($document, $id)", ("$document", RemovalKind.Document), ("$id", id));
    }

    /// <summary>Queues every vector of photo <paramref name="id"/> for removal, and forgets its items.</summary>
    private void QueueVectorRemovalsOf(long id)
    {
        Execute("INSERT OR IGNORE INTO removals (kind, id) SELECT name, $id FROM collections WHERE one_per_photo = 1", ("$id", id));
        Execute("INSERT OR IGNORE INTO removals (kind, id) SELECT collection, id FROM items WHERE photo_id = $id", ("$id", id));
        Execute("DELETE FROM items WHERE photo_id = $id", ("$id", id));
        Execute("DELETE FROM analysed WHERE photo_id = $id", ("$id", id));
    }

    /// <summary>
    /// Forgets what the analyzers found in photo <paramref name="id"/> — its vectors (queued for removal), tags, keyword
    /// fields, text and place — when what they read is no longer there.
    /// </summary>
    private void ForgetAnalysisOf(long id)
    {
        QueueVectorRemovalsOf(id);
        Execute("DELETE FROM tags WHERE photo_id = $id", ("$id", id));
        Execute("DELETE FROM text_lines WHERE photo_id = $id", ("$id", id));
        Execute("DELETE FROM fields WHERE photo_id = $id", ("$id", id));
        ForgetPlace(id);
        Execute("UPDATE photos SET text_read = 0 WHERE id = $id", ("$id", id));
    }
}
