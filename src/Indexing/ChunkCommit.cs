using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Keywords;

namespace Retrieval.Indexing;

/// <summary>
/// Commits a chunk of embedded photos to the three stores in the order that keeps them consistent across a
/// kill (see <see cref="IndexingPipeline"/>): catalog content, then vectors, then keywords, then the catalog
/// marks them indexed. Queued removals are carried out on the way; with no photos, that is all it does.
/// </summary>
internal sealed class ChunkCommit(PhotoIndex index, IReadOnlyList<EmbeddedPhoto> photos)
{
    /// <summary>Carries out the queued removals alone (after a kill, or after photos were removed).</summary>
    public static Task ApplyRemovalsAsync(PhotoIndex index, CancellationToken cancellationToken) =>
        new ChunkCommit(index, []).RunAsync(new IndexRunCounts(), cancellationToken);

    public async Task RunAsync(IndexRunCounts counts, CancellationToken cancellationToken)
    {
        var catalog = index.Catalog;

        // 1. The catalog records what was read, and gives the new captions their ids.
        var captionIds = new Dictionary<long, long[]>();
        catalog.InTransaction(() =>
        {
            foreach (var photo in photos)
            {
                var job = photo.Photo.Job;
                if (photo.Photo.Failure is { } failure)
                {
                    catalog.MarkFailed(job.Id, failure);
                }
                else if (photo.Photo.HasContent)
                {
                    var metadata = photo.Photo.Metadata!;
                    captionIds[job.Id] = photo.AutoTags is { } auto
                        ? catalog.RecordContent(job.Id, metadata, photo.Photo.Captions, [.. metadata.Tags, .. auto])
                        : catalog.RecordContent(job.Id, metadata, photo.Photo.Captions, metadata.Tags, replaceAutoTags: false);
                    if (photo.Photo.Text is { } lines)
                    {
                        catalog.RecordText(job.Id, lines);
                    }
                }
            }
        });

        // 2. Vectors, collection by collection: removals first (ids are never reused, but order costs nothing), then the new ones.
        var removed = IndexCollections.All.ToDictionary(kind => kind, kind => catalog.Removals(kind.RemovalKind));
        var removedDocuments = catalog.Removals(RemovalKind.Document);
        var withImage = photos.Where(p => p.ImageVector is not null && p.Photo.Failure is null).ToList();
        var captionRows = photos.Where(p => captionIds.ContainsKey(p.Photo.Job.Id))
            .SelectMany(p => captionIds[p.Photo.Job.Id].Zip(p.CaptionVectors)).ToList();
        var signatures = photos.Where(p => p.Photo.Signature is not null && p.Photo.Failure is null).Select(p => (p.Photo.Job.Id, p.Photo.Signature!)).ToList();
        var added = new Dictionary<CollectionKind, List<(long Id, float[] Vector)>>
        {
            [CollectionKind.Images] = [.. withImage.Select(p => (p.Photo.Job.Id, p.ImageVector!))],
            [CollectionKind.Captions] = captionRows,
            [PixelSignature.Collection] = signatures,
        };
        foreach (var kind in IndexCollections.All)
        {
            // Without collections (an index opened for maintenance before anything was embedded) there is nothing to remove or add.
            if (index.Collection(kind)?.Vectors is { } vectors)
            {
                await vectors.DeleteAsync(removed[kind], cancellationToken).ConfigureAwait(false);
                var rows = added[kind];
                await vectors.UpsertAsync([.. rows.Select(r => r.Id)], Flatten(rows.Select(r => r.Vector)), cancellationToken).ConfigureAwait(false);
            }
        }

        // 3. Keyword documents, built from what the catalog now holds.
        var indexed = photos.Where(p => p.Photo.Failure is null).Select(p => p.Photo.Job.Id).ToList();
        await index.Keywords.DeleteAsync(removedDocuments, cancellationToken).ConfigureAwait(false);
        await index.Keywords.UpsertAsync(Documents(catalog, indexed), cancellationToken).ConfigureAwait(false);
        await index.Keywords.CommitAsync(cancellationToken).ConfigureAwait(false);

        // 4. Done: the photos are searchable, the removals carried out.
        catalog.InTransaction(() =>
        {
            catalog.MarkIndexed(indexed);
            foreach (var kind in IndexCollections.All)
            {
                catalog.ClearRemovals(kind.RemovalKind, removed[kind]);
            }

            catalog.ClearRemovals(RemovalKind.Document, removedDocuments);
        });
        counts.Embedded += withImage.Count;
        counts.CaptionsEmbedded += captionRows.Count;
        counts.WithText += photos.Count(p => p.Photo.Failure is null && p.Photo.Text is { Count: > 0 });
        counts.Failed += photos.Count(p => p.Photo.Failure is not null);
    }

    private static List<KeywordDocument> Documents(ICatalogReader catalog, List<long> ids)
    {
        var summaries = catalog.Photos(ids);
        var tags = catalog.TagsOf(ids);
        var text = catalog.TextOf(ids);
        var documents = new List<KeywordDocument>(ids.Count);
        foreach (var id in ids)
        {
            if (!summaries.TryGetValue(id, out var photo))
            {
                continue;
            }

            documents.Add(new KeywordDocument(id, photo.Captions, tags.GetValueOrDefault(id) ?? [], Path.GetFileName(photo.Path), Folders(photo), photo.Camera,
                [.. (text.GetValueOrDefault(id) ?? []).Select(l => l.Text)]));
        }

        return documents;
    }

    /// <summary>The names of the folders from the root (included) down to the photo's.</summary>
    private static List<string> Folders(PhotoSummary photo)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(photo.Root) ?? photo.Root, photo.Folder);
        return [.. relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Where(f => f != "." && f != "..")];
    }

    private static float[] Flatten(IEnumerable<float[]> vectors) => [.. vectors.SelectMany(v => v)];
}
