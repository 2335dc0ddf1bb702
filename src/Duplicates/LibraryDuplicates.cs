using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Duplicates;

/// <summary>
/// Every photo of an index that repeats another: the exact duplicates the catalog records and, when asked, the
/// near-duplicates a full pass over the pixel signatures finds (<see cref="NearDuplicatePairs"/>, grouped by
/// <see cref="DuplicateGroups"/>), by path.
/// </summary>
public static class LibraryDuplicates
{
    /// <summary>The duplicates in <paramref name="index"/>; with <paramref name="near"/>, the edited copies too.</summary>
    public static async Task<IReadOnlyList<DuplicatePhoto>> FindAsync(PhotoIndex index, NearDuplicateOptions options, bool near, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var catalog = index.Catalog;
        var found = catalog.Duplicates().Select(d => new DuplicatePhoto(d.Id, d.Path, d.OriginalId, d.Original, DuplicatePhoto.Exact, 1f)).ToList();
        if (near)
        {
            var (pairs, signatures) = await NearPairsAsync(index, options, cancellationToken).ConfigureAwait(false);
            var similarity = pairs.ToDictionary(p => (p.First, p.Second), p => p.Similarity);
            var summaries = catalog.Photos([.. pairs.SelectMany(p => (long[])[p.First, p.Second]).Distinct()]);
            var groups = DuplicateGroups.Originals(pairs,
                id => summaries.TryGetValue(id, out var s) ? (long)(s.Width ?? 0) * (s.Height ?? 0) : 0,
                id => summaries.TryGetValue(id, out var s) ? s.Modified : long.MaxValue);
            foreach (var (photo, original) in groups)
            {
                if (summaries.TryGetValue(photo, out var copy) && summaries.TryGetValue(original, out var source))
                {
                    // A copy of a copy is paired with the group's original, which it may not have been compared with.
                    var score = similarity.TryGetValue((Math.Min(photo, original), Math.Max(photo, original)), out var known) ? known
                        : signatures.TryGetValue(photo, out var a) && signatures.TryGetValue(original, out var b) ? SignatureMatch.Similarity(a, b) : 0;
                    found.Add(new DuplicatePhoto(photo, copy.Path, original, source.Path, DuplicatePhoto.Near, score));
                }
            }
        }

        return [.. found.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }

    /// <summary>The near-duplicate pairs of photos (by their signatures) and of videos (by their frames'), with the photos' signatures.</summary>
    private static async Task<(List<(long First, long Second, float Similarity)> Pairs, Dictionary<long, float[]> Signatures)> NearPairsAsync(
        PhotoIndex index, NearDuplicateOptions options, CancellationToken cancellationToken)
    {
        var pairs = new List<(long First, long Second, float Similarity)>();
        var signatures = new Dictionary<long, float[]>();
        if (index.Collection(PixelSignature.CollectionName) is { } pixels)
        {
            var photos = await NearDuplicatePairs.SignaturesAsync(pixels.Vectors, index.Catalog.SearchableIds(new PhotoFilter { Kind = PhotoKind.Photo }), cancellationToken).ConfigureAwait(false);
            pairs.AddRange(await new NearDuplicatePairs(pixels.Vectors, options).FindAsync(photos, cancellationToken).ConfigureAwait(false));
            signatures = photos.ToDictionary(p => p.Id, p => p.Signature);
        }

        if (index.Collection(PixelSignature.FramesCollectionName) is { } frames)
        {
            var videos = index.Catalog.SearchableIds(new PhotoFilter { Kind = PhotoKind.Video });
            pairs.AddRange(await new VideoDuplicatePairs(frames, index.Catalog, options).FindAsync(videos, cancellationToken).ConfigureAwait(false));
        }

        return (pairs, signatures);
    }
}
