namespace Retrieval.Catalog;

/// <summary>The indexer's view of the files: what is known under the roots, and the changes a walk finds.</summary>
public sealed partial class CatalogDb
{
    /// <summary>Every file the catalog knows, by path.</summary>
    public IReadOnlyDictionary<string, KnownFile> KnownFiles()
    {
        var files = new Dictionary<string, KnownFile>(StringComparer.Ordinal);
        foreach (var file in ReadKnown(""))
        {
            files[file.Path] = file;
        }

        return files;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is in the catalog, or none.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var transaction = _connection.BeginTransaction();
        var result = work();
        transaction.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction.</summary>
    public void InTransaction(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var transaction = _connection.BeginTransaction();
        work();
        transaction.Commit();
    }

    /// <summary>Records a file new to the catalog, with what it still needs; returns its id.</summary>
    public long AddPhoto(FoundFile file, string? hash, string status, PendingWork work, string? reason = null, long? duplicateOf = null) =>
        Convert.ToInt64(Scalar("""
            INSERT INTO photos (path, folder, root, size, mtime, sidecar, hash, status, work, error, duplicate_of)
            VALUES ($path, $folder, $root, $size, $mtime, $sidecar, $hash, $status, $work, $error, $duplicate)
            ON CONFLICT (path) DO UPDATE SET folder = excluded.folder, root = excluded.root, size = excluded.size,
                mtime = excluded.mtime, sidecar = excluded.sidecar, hash = excluded.hash, status = excluded.status,
                work = excluded.work, error = excluded.error, duplicate_of = excluded.duplicate_of
            RETURNING id
            """, ("$path", file.Path), ("$folder", file.Folder), ("$root", file.Root), ("$size", file.Size), ("$mtime", file.ModifiedTicks), ("$sidecar", file.SidecarTicks),
            ("$hash", hash), ("$status", status), ("$work", (int)work), ("$error", reason), ("$duplicate", duplicateOf)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A known photo whose bytes changed (or must be read again): new size, time and hash, and all its work to redo.</summary>
    public void MarkChanged(long id, FoundFile file, string? hash, string status, PendingWork work, string? reason = null)
    {
        // What was read from the old bytes goes: the analyzers that run now write it again, and one that is off finds the
        // photo missing when it is back (its vectors gone), instead of its old findings standing for the new photo.
        ForgetAnalysisOf(id);
        Execute("""
            UPDATE photos SET size = $size, mtime = $mtime, sidecar = $sidecar, hash = $hash, status = $status, work = $work, error = $error, duplicate_of = NULL, companion_of = NULL
            WHERE id = $id
            """, ("$id", id), ("$size", file.Size), ("$mtime", file.ModifiedTicks), ("$sidecar", file.SidecarTicks), ("$hash", hash), ("$status", status), ("$work", (int)work), ("$error", reason));
    }

    /// <summary>
    /// A known photo touched but not changed (same bytes): its size and time are updated; if its sidecar caption
    /// file appeared, changed or went, its captions and keyword document are redone.
    /// </summary>
    public void Touch(long id, FoundFile file, bool sidecarChanged) =>
        Execute("""
            UPDATE photos SET size = $size, mtime = $mtime, sidecar = $sidecar,
                status = CASE WHEN $redo AND status = 'indexed' THEN 'pending' ELSE status END,
                work = CASE WHEN $redo THEN work | $captions ELSE work END
            WHERE id = $id
            """, ("$id", id), ("$size", file.Size), ("$mtime", file.ModifiedTicks), ("$sidecar", file.SidecarTicks),
            ("$redo", sidecarChanged), ("$captions", (int)(PendingWork.Captions | PendingWork.Keywords)));

    /// <summary>A photo moved or renamed (the same bytes at a new path): its vectors stay, its keyword document (names, folders) is redone.</summary>
    public void Move(long id, FoundFile file) =>
        Execute("""
            UPDATE photos SET path = $path, folder = $folder, root = $root, size = $size, mtime = $mtime,
                status = CASE WHEN status = 'indexed' THEN 'pending' ELSE status END,
                work = work | CASE WHEN sidecar = $sidecar THEN $keywords ELSE $captions END, sidecar = $sidecar
            WHERE id = $id
            """, ("$id", id), ("$path", file.Path), ("$folder", file.Folder), ("$root", file.Root), ("$size", file.Size), ("$mtime", file.ModifiedTicks),
            ("$sidecar", file.SidecarTicks), ("$keywords", (int)PendingWork.Keywords), ("$captions", (int)(PendingWork.Captions | PendingWork.Keywords)));

    /// <summary>
    /// Forgets photos (deleted files, or removed by the user): their rows go, and their vectors and keyword
    /// documents are queued in <c>removals</c> in the same transaction, so a kill cannot orphan them.
    /// Duplicates of a removed photo lose their original: the first becomes a photo of its own, to embed. So do its
    /// companions (the RAW of a deleted JPEG): the first becomes the photo, the others its companions.
    /// </summary>
    public void RemovePhotos(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            QueueRemovalsOf(id);
            var heir = Scalar("SELECT id FROM photos WHERE duplicate_of = $id ORDER BY id LIMIT 1", ("$id", id));
            if (heir is long first)
            {
                Execute("UPDATE photos SET duplicate_of = $first WHERE duplicate_of = $id AND id <> $first", ("$first", first), ("$id", id));
                Execute("UPDATE photos SET status = 'pending', work = $all, duplicate_of = NULL WHERE id = $first", ("$first", first), ("$all", (int)PendingWork.All));
            }

            if (Scalar("SELECT id FROM photos WHERE companion_of = $id ORDER BY id LIMIT 1", ("$id", id)) is long companion)
            {
                Execute("UPDATE photos SET companion_of = $first WHERE companion_of = $id AND id <> $first", ("$first", companion), ("$id", id));
                PromoteCompanion(companion);
            }

            Execute("DELETE FROM photos WHERE id = $id", ("$id", id));
        }
    }

    /// <summary>
    /// Marks a photo that cannot be read: its vectors and keyword document, if any, are queued for removal, and what
    /// was read from it before (captions, tags, text, metadata) is forgotten — a file that now leads outside the
    /// library, or was replaced by another, must leave nothing of its old content to search or show.
    /// </summary>
    public void MarkFailed(long id, string reason)
    {
        ForgetAnalysisOf(id);
        Execute("INSERT OR IGNORE INTO removals (kind, id) VALUES ($document, $id)", ("$document", RemovalKind.Document), ("$id", id));
        Execute("DELETE FROM captions WHERE photo_id = $id", ("$id", id));
        Execute("""
            UPDATE photos SET status = 'failed', work = 0, error = $error, width = NULL, height = NULL, format = NULL, taken_at = NULL,
                camera_make = NULL, camera_model = NULL, latitude = NULL, longitude = NULL, orientation = NULL, text_read = 0
            WHERE id = $id
            """, ("$id", id), ("$error", reason));
    }

    /// <summary>Every photo that still owes work to the vector or keyword store.</summary>
    public IReadOnlyList<KnownFile> PendingPhotos() => ReadKnown("WHERE status = 'pending' ORDER BY id");

    /// <summary>The queued removals of one kind (a collection's name, or <see cref="RemovalKind.Document"/>).</summary>
    public IReadOnlyList<long> Removals(string kind) => Ids("SELECT id FROM removals WHERE kind = $kind ORDER BY id", ("$kind", kind));

    /// <summary>Forgets queued removals once the other stores have carried them out.</summary>
    public void ClearRemovals(string kind, IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var command = Command("DELETE FROM removals WHERE kind = $kind AND id = $id", ("$kind", kind), ("$id", 0L));
        foreach (var id in ids)
        {
            command.Parameters["$id"].Value = id;
            command.ExecuteNonQuery();
        }
    }

    private List<KnownFile> ReadKnown(string where)
    {
        var files = new List<KnownFile>();
        using var command = Command($"SELECT id, path, root, size, mtime, hash, status, work, duplicate_of, sidecar, companion_of FROM photos {where}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add(new KnownFile(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), (PendingWork)reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetInt64(10)));
        }

        return files;
    }
}
