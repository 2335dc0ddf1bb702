using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// Commits a chunk of analysed photos to the three stores in the order that keeps them consistent across a kill (see
/// <see cref="IndexingPipeline"/>): catalog content, then vectors, then keywords, then the catalog marks them indexed.
/// Queued removals are carried out on the way; with no photos, that is all it does. It writes what the analyzers left
/// in each <see cref="PhotoAnalysis"/> and knows none of them.
/// </summary>
/// <param name="index">The index written.</param>
/// <param name="photos">The analysed photos.</param>
/// <param name="analyzerTagSources">The tag sources analyzers own: recording a photo's metadata leaves those tags alone.</param>
internal sealed class ChunkCommit(PhotoIndex index, IReadOnlyList<PhotoAnalysis> photos, IReadOnlyCollection<string> analyzerTagSources)
{
    /// <summary>Carries out the queued removals alone (after a kill, or after photos were removed).</summary>
    public static Task ApplyRemovalsAsync(PhotoIndex index, CancellationToken cancellationToken) =>
        new ChunkCommit(index, [], []).RunAsync(new IndexRunCounts(), cancellationToken);

    public async Task RunAsync(IndexRunCounts counts, CancellationToken cancellationToken)
    {
        var catalog = index.Catalog;

        // 1. The catalog records what was read and found, and gives the new items their ids.
        var added = index.Collections.ToDictionary(c => c.Kind.Name, _ => new List<(long Id, float[] Vector)>(), StringComparer.Ordinal);
        catalog.InTransaction(() =>
        {
            foreach (var photo in photos)
            {
                if (photo.Failure is { } failure)
                {
                    catalog.MarkFailed(photo.Id, failure);
                }
                else if (photo.HasContent)
                {
                    Record(catalog, photo, added);
                }
            }
        });

        // 2. Vectors, collection by collection: removals first (ids are never reused, but order costs nothing), then the new ones.
        // A collection the catalog declares but the index has not opened has no vectors (a writer opens every one there
        // is): its removals are cleared with nothing to delete.
        var removed = catalog.Collections().Keys.ToDictionary(name => name, catalog.Removals, StringComparer.Ordinal);
        var removedDocuments = catalog.Removals(RemovalKind.Document);
        foreach (var collection in index.Collections)
        {
            var name = collection.Kind.Name;
            await collection.Vectors.DeleteAsync(removed.GetValueOrDefault(name) ?? [], cancellationToken).ConfigureAwait(false);
            var rows = added[name];
            await collection.Vectors.UpsertAsync([.. rows.Select(r => r.Id)], Flatten(rows.Select(r => r.Vector)), cancellationToken).ConfigureAwait(false);
        }

        // 3. Keyword documents, built from what the catalog now holds.
        var indexed = photos.Where(p => p.Failure is null).Select(p => p.Id).ToList();
        await index.Keywords.DeleteAsync(removedDocuments, cancellationToken).ConfigureAwait(false);
        await index.Keywords.UpsertAsync(KeywordDocuments.Of(catalog, indexed), cancellationToken).ConfigureAwait(false);
        await index.Keywords.CommitAsync(cancellationToken).ConfigureAwait(false);

        // 4. Done: the photos are searchable, the removals carried out.
        catalog.InTransaction(() =>
        {
            catalog.MarkIndexed(indexed);
            foreach (var (kind, ids) in removed)
            {
                catalog.ClearRemovals(kind, ids);
            }

            catalog.ClearRemovals(RemovalKind.Document, removedDocuments);
        });
        counts.Embedded += photos.Count(p => p.PixelsAnalysed && p.Failure is null);
        counts.Failed += photos.Count(p => p.Failure is not null);
        foreach (var (name, count) in photos.Where(p => p.Failure is null).SelectMany(p => p.Tallies))
        {
            counts.Tally(name, count);
        }
    }

    /// <summary>Step 1 for one photo: its metadata and captions, then what each analyzer found; its vectors are gathered in <paramref name="added"/>.</summary>
    private void Record(ICatalog catalog, PhotoAnalysis photo, Dictionary<string, List<(long Id, float[] Vector)>> added)
    {
        catalog.RecordContent(photo.Id, photo.Metadata!, photo.Captions, photo.Metadata!.Tags, analyzerTagSources);
        foreach (var (source, tags) in photo.Tags)
        {
            catalog.ReplaceTags(photo.Id, source, tags);
        }

        foreach (var (field, values) in photo.Fields)
        {
            catalog.ReplaceField(photo.Id, field, values);
        }

        foreach (var write in photo.Records)
        {
            write(catalog, photo.Id);
        }

        foreach (var (collection, vector) in photo.Vectors)
        {
            Added(added, collection).Add((photo.Id, vector));
        }

        foreach (var (collection, items) in photo.Items)
        {
            var ids = catalog.ReplaceItems(collection, photo.Id, [.. items.Select(i => i.Payload)]);
            Added(added, collection).AddRange(ids.Zip(items, (id, item) => (id, item.Vector)));
        }
    }

    private static List<(long Id, float[] Vector)> Added(Dictionary<string, List<(long Id, float[] Vector)>> added, string collection) =>
        added.TryGetValue(collection, out var rows) ? rows
        : throw new InvalidOperationException($"an analyzer wrote vectors to collection '{collection}', which no analyzer declared");

    private static float[] Flatten(IEnumerable<float[]> vectors) => [.. vectors.SelectMany(v => v)];
}
