using Retrieval.Backends;
using Retrieval.Duplicates;

namespace Retrieval.Indexing;

/// <summary>
/// Counts the photos of a committed chunk that repeat a photo indexed before them: their pixel signatures checked
/// against the library (themselves included) with the store's search, not a full pass. Run after the commit, outside
/// its crash-consistency steps: it reads what was committed and writes nothing.
/// </summary>
internal sealed class NewNearDuplicates(PhotoIndex index, NearDuplicateOptions options)
{
    /// <summary>How many of <paramref name="committed"/> are near-duplicates of an earlier-indexed photo (a shot's first photo is not counted).</summary>
    public async Task<int> CountAsync(IReadOnlyList<EmbeddedPhoto> committed, CancellationToken cancellationToken)
    {
        var signatures = committed.Where(p => p.Photo.Signature is not null && p.Photo.Failure is null).Select(p => (p.Photo.Job.Id, p.Photo.Signature!)).ToList();
        if (index.Pixels is not { } pixels || signatures.Count == 0)
        {
            return 0;
        }

        var pairs = await new NearDuplicatePairs(pixels.Vectors, options).FindAsync(signatures, cancellationToken).ConfigureAwait(false);
        // A photo repeats the earlier-indexed one (the smaller id) of its pair.
        var chunk = signatures.Select(s => s.Id).ToHashSet();
        return pairs.Select(p => p.Second).Where(chunk.Contains).Distinct().Count();
    }
}
