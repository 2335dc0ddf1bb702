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
        if (near && index.Collection(PixelSignature.CollectionName) is { } pixels)
        {
            var photos = await NearDuplicatePairs.SignaturesAsync(pixels.Vectors, catalog.SearchableIds(PhotoFilter.None), cancellationToken).ConfigureAwait(false);

            var pairs = await new NearDuplicatePairs(pixels.Vectors, options).FindAsync(photos, cancellationToken).ConfigureAwait(false);
            var summaries = catalog.Photos([.. pairs.SelectMany(p => (long[])[p.First, p.Second]).Distinct()]);
            var signatures = photos.ToDictionary(p => p.Id, p => p.Signature);
            var groups = DuplicateGroups.Originals(pairs,
                id => summaries.TryGetValue(id, out var s) ? (long)(s.Width ?? 0) * (s.Height ?? 0) : 0,
                id => summaries.TryGetValue(id, out var s) ? s.Modified : long.MaxValue);
            foreach (var (photo, original) in groups)
            {
                if (summaries.TryGetValue(photo, out var copy) && summaries.TryGetValue(original, out var source))
                {
                    found.Add(new DuplicatePhoto(photo, copy.Path, original, source.Path, DuplicatePhoto.Near, SignatureMatch.Similarity(signatures[photo], signatures[original])));
                }
            }
        }

        return [.. found.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }
}
