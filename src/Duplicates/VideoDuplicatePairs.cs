using System.Numerics.Tensors;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Duplicates;

/// <summary>
/// The pairs of videos that are copies of one clip — re-encoded, resized, or trimmed at either end: most of each one's
/// frames (<see cref="MatchedShare"/>, at least two) have a frame of the other whose pixels match as an edited photo's
/// would (<see cref="SignatureMatch"/>). Both ways: a clip that shares one shot with a longer one is not its copy. Flat
/// frames (black, a fade) never count, and one frame alike — the title card or logo two different clips open with — is
/// not most of a clip: that false pairing is what people meet elsewhere.
/// </summary>
public sealed class VideoDuplicatePairs(PhotoVectors frames, ICatalogReader catalog, NearDuplicateOptions options)
{
    /// <summary>The share of a video's frames that must match the other's for it to be a copy.</summary>
    public const double MatchedShare = 0.6;

    /// <summary>The payload suffix of a flat frame's signature (kept so that every analysed video has items, never matched).</summary>
    public const string FlatMark = " flat";

    // Frames of one video asked about, spread over its length: enough for the share to mean something, few enough that a
    // long video costs what a short one does.
    private const int MaxQueriedFrames = 16;

    /// <summary>The copies among <paramref name="videos"/> and every indexed video, each pair once (smaller id first), with the mean similarity of the matched frames.</summary>
    public async Task<IReadOnlyList<(long First, long Second, float Similarity)>> FindAsync(IReadOnlyCollection<long> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var pairs = new Dictionary<(long, long), float>();
        foreach (var (video, items) in catalog.ItemsOfPhotos(frames.Kind, videos))
        {
            var own = Solid(items);
            var matched = new Dictionary<long, List<float>>();
            foreach (var item in Spread(own))
            {
                if (await frames.Vectors.GetVectorAsync(item, cancellationToken).ConfigureAwait(false) is not { } signature)
                {
                    continue;
                }

                foreach (var (other, similarity) in await BestMatchesAsync(video, signature, cancellationToken).ConfigureAwait(false))
                {
                    (matched.TryGetValue(other, out var list) ? list : matched[other] = []).Add(similarity);
                }
            }

            var asked = Math.Min(own.Count, MaxQueriedFrames);
            foreach (var (other, similarities) in matched)
            {
                var pair = (Math.Min(video, other), Math.Max(video, other));
                if (IsMost(similarities.Count, asked) && !pairs.ContainsKey(pair) && await ShareAsync(other, video, cancellationToken).ConfigureAwait(false))
                {
                    pairs[pair] = similarities.Average();
                }
            }
        }

        return [.. pairs.Select(p => (p.Key.Item1, p.Key.Item2, p.Value))];
    }

    private static bool IsMost(int matched, int asked) => matched >= Math.Min(2, asked) && matched >= MatchedShare * asked;

    /// <summary>Whether most of <paramref name="from"/>'s frames (up to <see cref="MaxQueriedFrames"/>, spread) match a frame of <paramref name="to"/>.</summary>
    private async Task<bool> ShareAsync(long from, long to, CancellationToken cancellationToken)
    {
        var items = catalog.ItemsOfPhotos(frames.Kind, [from, to]);
        var theirs = new List<float[]>();
        foreach (var item in Solid(items.GetValueOrDefault(to) ?? []))
        {
            if (await frames.Vectors.GetVectorAsync(item, cancellationToken).ConfigureAwait(false) is { } signature)
            {
                theirs.Add(signature);
            }
        }

        var asked = 0;
        var matched = 0;
        foreach (var item in Spread(Solid(items.GetValueOrDefault(from) ?? [])))
        {
            if (await frames.Vectors.GetVectorAsync(item, cancellationToken).ConfigureAwait(false) is not { } signature)
            {
                continue;
            }

            asked++;
            // The cosine first (a dot product), the aligned match only where it could pass.
            matched += theirs.Any(other => TensorPrimitives.CosineSimilarity(signature, other) >= options.CandidateFloor
                && SignatureMatch.Similarity(signature, other, options.MinSimilarity) >= options.MinSimilarity) ? 1 : 0;
        }

        return asked > 0 && IsMost(matched, asked);
    }

    /// <summary>For one frame's signature, each other video with a frame that matches it, and how well (the best of its frames).</summary>
    private async Task<Dictionary<long, float>> BestMatchesAsync(long video, float[] signature, CancellationToken cancellationToken)
    {
        var hits = await frames.SearchAsync(signature, options.Candidates + MaxQueriedFrames, null, 1, cancellationToken).ConfigureAwait(false);
        var candidates = hits.Where(h => h.PhotoId != video && h.Score >= options.CandidateFloor).ToList();
        var flat = IsFlat(catalog.Items(frames.Kind.Name, [.. candidates.Select(h => h.Id)]));
        var best = new Dictionary<long, float>();
        foreach (var hit in candidates.Where(h => !flat.Contains(h.Id)))
        {
            if (best.ContainsKey(hit.PhotoId) || await frames.Vectors.GetVectorAsync(hit.Id, cancellationToken).ConfigureAwait(false) is not { } other)
            {
                continue; // hits come best first: a video's first confirmed frame is its best
            }

            var similarity = SignatureMatch.Similarity(signature, other, options.MinSimilarity);
            if (similarity >= options.MinSimilarity)
            {
                best[hit.PhotoId] = similarity;
            }
        }

        return best;
    }

    /// <summary>A video's frames that show something, in time order.</summary>
    private List<long> Solid(List<long> items)
    {
        var flat = IsFlat(catalog.Items(frames.Kind.Name, items));
        return [.. items.Where(i => !flat.Contains(i))];
    }

    private static HashSet<long> IsFlat(IReadOnlyDictionary<long, (long PhotoId, string? Payload)> items) =>
        [.. items.Where(i => i.Value.Payload?.EndsWith(FlatMark, StringComparison.Ordinal) == true).Select(i => i.Key)];

    /// <summary>At most <see cref="MaxQueriedFrames"/> of <paramref name="items"/>, evenly spaced.</summary>
    private static IEnumerable<long> Spread(List<long> items) =>
        items.Count <= MaxQueriedFrames ? items : Enumerable.Range(0, MaxQueriedFrames).Select(i => items[(int)((long)i * items.Count / MaxQueriedFrames)]);

    /// <summary>The payload of a frame's signature: its time, marked when the frame is flat.</summary>
    public static string Payload(double time, bool flat) => Video.VideoTime.ToPayload(time) + (flat ? FlatMark : "");
}
