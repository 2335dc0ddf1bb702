namespace Retrieval.Catalog;

/// <summary>
/// The other files of a shot: a RAW beside the camera's JPEG, an iPhone original beside its edit. One file stands for
/// the shot and is analysed; the others are its companions, kept only as files of that photo.
/// </summary>
public sealed partial class CatalogDb
{
    /// <summary>
    /// Makes file <paramref name="id"/> a companion of photo <paramref name="photoId"/>: what was read from it (vectors,
    /// keyword document, captions, tags, text, metadata) goes, since only the photo is searched and shown.
    /// </summary>
    public void MakeCompanion(long id, long photoId)
    {
        ForgetAnalysisOf(id);
        Execute("INSERT OR IGNORE INTO removals (kind, id) VALUES ($document, $id)", ("$document", RemovalKind.Document), ("$id", id));
        Execute("DELETE FROM captions WHERE photo_id = $id", ("$id", id));
        Execute("""
            UPDATE photos SET status = 'companion', companion_of = $photo, work = 0, error = NULL, width = NULL, height = NULL, format = NULL,
                taken_at = NULL, camera_make = NULL, camera_model = NULL, latitude = NULL, longitude = NULL, orientation = NULL
            WHERE id = $id
            """, ("$id", id), ("$photo", photoId));
        // Companions of a file that becomes one follow it to the shot's photo.
        Execute("UPDATE photos SET companion_of = $photo WHERE companion_of = $id", ("$id", id), ("$photo", photoId));
    }

    /// <summary>Companion <paramref name="id"/> becomes a photo of its own (its photo went), to be analysed in full.</summary>
    public void PromoteCompanion(long id) =>
        Execute("UPDATE photos SET status = 'pending', work = $all, companion_of = NULL WHERE id = $id AND status = 'companion'",
            ("$id", id), ("$all", (int)PendingWork.All));

    /// <summary>The paths of photo <paramref name="id"/>'s companion files, in order.</summary>
    public IReadOnlyList<string> CompanionsOf(long id)
    {
        var paths = new List<string>();
        using var command = Command("SELECT path FROM photos WHERE companion_of = $id AND status = 'companion' ORDER BY path", ("$id", id));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }
}
