using Retrieval.Indexing;
using Retrieval.Vectors;

namespace Retrieval.Search;

/// <summary>
/// The search core, shared by the CLI and the server: ranks the photos of an index for a text, an image, or
/// both, by vector similarity, by keywords (BM25), or both fused; and ranks the index's captions for an image.
/// Queries arrive as vectors (embedding them is the caller's, so the model loads once per process); reads are
/// read-only and see what an indexer running beside it has committed.
/// </summary>
/// <remarks>
/// Text to image: a photo's score is <c>(1 - w) x cos(text, image) + w x max over its captions of cos(text,
/// caption)</c>, with <c>w</c> = <see cref="SearchOptions.CaptionWeight"/>, or <c>cos(text, image)</c> for a
/// photo without captions. Candidates are the best images and the photos of the best captions; every
/// candidate is then scored exactly. Hybrid ranks by reciprocal rank fusion (k = 60) of that ranking and the
/// keyword ranking, each <see cref="SearchOptions.CandidatesPerResult"/> times as deep as the results asked for.
/// </remarks>
public sealed class PhotoSearcher(PhotoIndex index, SearchOptions options)
{
    /// <summary>
    /// The <paramref name="k"/> best photos for <paramref name="query"/>: its text (for keywords, and embedded
    /// as <see cref="PhotoQuery.TextVector"/>) and/or an image's vector (image to image; with text, both fused).
    /// </summary>
    public async Task<IReadOnlyList<PhotoHit>> SearchAsync(PhotoQuery query, int k, SearchMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, SearchOptions.MaxResults);
        var depth = Math.Max(k * options.CandidatesPerResult, 50);
        var vector = query.Vector();
        var useCaptions = query.TextVector is not null;

        var vectorRanking = new List<(long Id, double Score)>();
        if (mode != SearchMode.Keyword && vector is not null)
        {
            var candidates = await VectorCandidatesAsync(vector, useCaptions, depth, cancellationToken).ConfigureAwait(false);
            vectorRanking = [.. (await FusedScoresAsync(vector, useCaptions, candidates, cancellationToken).ConfigureAwait(false))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Key, p.Value))];
        }

        var keywordRanking = new List<(long Id, double Score)>();
        if (mode != SearchMode.Vector && query.Text is { Length: > 0 } text)
        {
            keywordRanking = [.. (await index.Keywords.SearchAsync(text, depth, cancellationToken).ConfigureAwait(false)).Select(h => (h.Id, (double)h.Score))];
        }

        var ranked = mode switch
        {
            SearchMode.Vector => vectorRanking,
            SearchMode.Keyword => keywordRanking,
            _ => ReciprocalRankFusion.Fuse([.. vectorRanking.Select(r => r.Id)], [.. keywordRanking.Select(r => r.Id)]),
        };

        var top = ranked.Take(k).ToList();
        var vectorScores = vectorRanking.ToDictionary(r => r.Id, r => r.Score);
        if (vector is not null && mode == SearchMode.Hybrid)
        {
            // Keyword hits the vector ranking did not reach still get their vector score, for display.
            var unscored = top.Select(t => t.Id).Where(id => !vectorScores.ContainsKey(id)).ToList();
            foreach (var (id, score) in await FusedScoresAsync(vector, useCaptions, unscored, cancellationToken).ConfigureAwait(false))
            {
                vectorScores[id] = score;
            }
        }

        var keywordScores = keywordRanking.ToDictionary(r => r.Id, r => r.Score);
        var photos = index.Catalog.Photos([.. top.Select(t => t.Id)]);
        var hits = new List<PhotoHit>(top.Count);
        foreach (var (id, score) in top)
        {
            if (photos.TryGetValue(id, out var photo))
            {
                hits.Add(new PhotoHit(id, photo.Path, score, vectorScores.TryGetValue(id, out var v) ? v : null,
                    keywordScores.TryGetValue(id, out var kw) ? kw : null, photo.Captions.Count > 0 ? photo.Captions[0] : null, photo.Width, photo.Height, photo.TakenAt));
            }
        }

        return hits;
    }

    /// <summary>Image to text: the <paramref name="k"/> captions in the index closest to an image's vector.</summary>
    public async Task<IReadOnlyList<CaptionHit>> CaptionsForImageAsync(float[] imageVector, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageVector);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, SearchOptions.MaxResults);
        if (index.Captions is not { } captions)
        {
            return [];
        }

        var hits = await captions.SearchAsync(imageVector, k, Scan(), cancellationToken).ConfigureAwait(false);
        var texts = index.Catalog.Captions([.. hits.Select(h => h.Id)]);
        var photos = index.Catalog.Photos([.. texts.Values.Select(t => t.PhotoId).Distinct()]);
        return [.. hits.Where(h => texts.ContainsKey(h.Id) && photos.ContainsKey(texts[h.Id].PhotoId))
            .Select(h => new CaptionHit(h.Id, texts[h.Id].Text, h.Score, texts[h.Id].PhotoId, photos[texts[h.Id].PhotoId].Path))];
    }

    private async Task<HashSet<long>> VectorCandidatesAsync(float[] vector, bool useCaptions, int depth, CancellationToken cancellationToken)
    {
        var candidates = new HashSet<long>();
        if (index.Images is { } images)
        {
            foreach (var hit in await images.SearchAsync(vector, depth, Scan(), cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(hit.Id);
            }
        }

        if (useCaptions && index.Captions is { } captions)
        {
            var hits = await captions.SearchAsync(vector, depth, Scan(), cancellationToken).ConfigureAwait(false);
            foreach (var (_, caption) in index.Catalog.Captions([.. hits.Select(h => h.Id)]))
            {
                candidates.Add(caption.PhotoId);
            }
        }

        return candidates;
    }

    /// <summary>Each photo's exact fused vector score (see the remarks on the class).</summary>
    private async Task<Dictionary<long, double>> FusedScoresAsync(float[] vector, bool useCaptions, IReadOnlyCollection<long> photoIds, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<long, double>(photoIds.Count);
        if (photoIds.Count == 0 || index.Images is not { } images)
        {
            return scores;
        }

        foreach (var hit in await images.ScoreAsync(vector, photoIds, cancellationToken).ConfigureAwait(false))
        {
            scores[hit.Id] = hit.Score;
        }

        if (!useCaptions || index.Captions is not { } captions)
        {
            return scores;
        }

        var captionIds = index.Catalog.CaptionIdsOf(photoIds);
        var owner = captionIds.SelectMany(p => p.Value.Select(c => (Caption: c, Photo: p.Key))).ToDictionary(p => p.Caption, p => p.Photo);
        var best = new Dictionary<long, double>();
        foreach (var hit in await captions.ScoreAsync(vector, owner.Keys, cancellationToken).ConfigureAwait(false))
        {
            var photo = owner[hit.Id];
            best[photo] = Math.Max(best.GetValueOrDefault(photo, double.MinValue), hit.Score);
        }

        var weight = options.CaptionWeight;
        foreach (var (photo, caption) in best)
        {
            if (scores.TryGetValue(photo, out var image))
            {
                scores[photo] = ((1 - weight) * image) + (weight * caption);
            }
        }

        return scores;
    }

    private VectorSearchOptions Scan() => new() { MaxThreads = options.ScanThreads };
}
