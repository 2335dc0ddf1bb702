using Retrieval.Catalog;
using Retrieval.Keywords;

namespace Retrieval.Indexing;

/// <summary>
/// A photo's keyword document, built from what the catalog holds of it — captions, tags, the file and folder names, the
/// camera, the text read in it, and the keyword fields analyzers gave it — so a document can be made again whenever any
/// of it changes, without reading the photo.
/// </summary>
internal static class KeywordDocuments
{
    /// <summary>The documents of the photos among <paramref name="ids"/> that exist.</summary>
    public static List<KeywordDocument> Of(ICatalogReader catalog, IReadOnlyCollection<long> ids)
    {
        var summaries = catalog.Photos(ids);
        var tags = catalog.TagsOf(ids);
        var text = catalog.TextOf(ids);
        var fields = catalog.FieldsOf(ids);
        var documents = new List<KeywordDocument>(ids.Count);
        foreach (var id in ids)
        {
            if (!summaries.TryGetValue(id, out var photo))
            {
                continue;
            }

            documents.Add(new KeywordDocument(id, photo.Captions, tags.GetValueOrDefault(id) ?? [], Path.GetFileName(photo.Path), Folders(photo), photo.Camera,
                [.. (text.GetValueOrDefault(id) ?? []).Select(l => l.Text)], [.. (fields.GetValueOrDefault(id) ?? []).Select(f => f.Value)]));
        }

        return documents;
    }

    /// <summary>The names of the folders from the root (included) down to the photo's.</summary>
    private static List<string> Folders(PhotoSummary photo)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(photo.Root) ?? photo.Root, photo.Folder);
        return [.. relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Where(f => f != "." && f != "..")];
    }
}
