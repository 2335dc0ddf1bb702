using Retrieval.Vectors;

namespace Retrieval.Duplicates;

/// <summary>
/// The pairs of photos whose pixels are copies of one shot: each photo's nearest signatures (the store's batched
/// scan, so a library is read once per batch of photos, not once per photo), those above the candidate floor
/// aligned by <see cref="SignatureMatch"/> and kept from the minimum similarity up.
/// </summary>
public sealed class NearDuplicatePairs(IVectorIndex pixels, NearDuplicateOptions options)
{
    // Queries per pass over the signatures: enough that the scan is compute-bound, few enough to cancel promptly.
    private const int Batch = 64;

    /// <summary>The stored signatures of <paramref name="ids"/>, in order; photos without one are left out.</summary>
    public static async Task<IReadOnlyList<(long Id, float[] Signature)>> SignaturesAsync(IVectorIndex pixels, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(ids);
        var signatures = new List<(long, float[])>();
        foreach (var id in ids)
        {
            if (await pixels.GetVectorAsync(id, cancellationToken).ConfigureAwait(false) is { } signature)
            {
                signatures.Add((id, signature));
            }
        }

        return signatures;
    }

    /// <summary>The near-duplicate pairs <paramref name="photos"/> (ids and signatures) are in, each pair once, the smaller id first.</summary>
    public async Task<IReadOnlyList<(long First, long Second, float Similarity)>> FindAsync(IReadOnlyList<(long Id, float[] Signature)> photos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var known = photos.ToDictionary(p => p.Id, p => p.Signature);
        var checkedPairs = new HashSet<(long, long)>();
        var pairs = new List<(long, long, float)>();
        var queries = new float[Batch * PixelSignature.Length];
        for (var start = 0; start < photos.Count; start += Batch)
        {
            var count = Math.Min(Batch, photos.Count - start);
            for (var i = 0; i < count; i++)
            {
                photos[start + i].Signature.CopyTo(queries, i * PixelSignature.Length);
            }

            var results = await pixels.SearchBatchAsync(queries.AsMemory(0, count * PixelSignature.Length), options.Candidates + 1, null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var (id, signature) = photos[start + i];
                foreach (var hit in results[i])
                {
                    var pair = (Math.Min(id, hit.Id), Math.Max(id, hit.Id));
                    if (hit.Id == id || hit.Score < options.CandidateFloor || !checkedPairs.Add(pair))
                    {
                        continue;
                    }

                    if (!known.TryGetValue(hit.Id, out var other))
                    {
                        other = await pixels.GetVectorAsync(hit.Id, cancellationToken).ConfigureAwait(false);
                        if (other is null)
                        {
                            continue; // removed meanwhile
                        }

                        known[hit.Id] = other;
                    }

                    var similarity = SignatureMatch.Similarity(signature, other, options.MinSimilarity);
                    if (similarity >= options.MinSimilarity)
                    {
                        pairs.Add((pair.Item1, pair.Item2, similarity));
                    }
                }
            }
        }

        return pairs;
    }
}
