using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Keywords;
using Retrieval.Vectors;

namespace Retrieval.Search;

/// <summary>
/// The search core, shared by the CLI and the server: ranks the photos of an index for a text, an image, or
/// both, by vector similarity, by keywords (BM25), or both fused; filters, excludes, cuts, sorts and pages
/// them; and ranks the index's captions for an image. Reads are read-only and see what an indexer running
/// beside it has committed.
/// </summary>
/// <remarks>
/// Text to image: a photo's vector score is <c>(1 - w) x cos(text, image) + w x max over its captions of
/// cos(text, caption)</c>, with <c>w</c> = <see cref="SearchOptions.CaptionWeight"/>, or <c>cos(text, image)</c>
/// for a photo without captions. Candidates are the best images and the photos of the best captions; every
/// candidate is then scored exactly. Hybrid fuses that ranking with the keyword ranking, each
/// <see cref="SearchOptions.CandidatesPerResult"/> times as deep as the results asked for: by reciprocal rank
/// (k = 60), or by <see cref="SearchRequest.Alpha"/>. See <see cref="AdaptiveCut"/> for where results stop.
/// </remarks>
public sealed class PhotoSearcher(PhotoIndex index, SearchOptions options)
{
    /// <summary>The ranked photos for <paramref name="request"/>.</summary>
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var query = request.Query;
        var allowed = Allowed(query.Filter);
        if (allowed is { Count: 0 })
        {
            return new SearchResults([], 0);
        }

        var excluded = await ExcludedAsync(request, cancellationToken).ConfigureAwait(false);
        var depth = Math.Min(Math.Max((request.Offset + request.K) * options.CandidatesPerResult, 50) + excluded.Count, VectorStore.MaxK);
        var filter = allowed is null ? null : IdFilter.Allow(allowed);
        var vector = request.Vector();
        var useCaptions = request.TextVector is not null;

        // Hybrid runs the keyword search beside the vector scan: on an idle server the search takes the longer of the two, not their sum.
        var keywordTask = request.Mode != SearchMode.Vector && query.HasText
            ? Task.Run(() => KeywordScoresAsync(query, depth, filter, excluded, cancellationToken), cancellationToken)
            : Task.FromResult(new Dictionary<long, double>());
        var vectorScores = new Dictionary<long, (double Score, long? Caption)>();
        if (request.Mode != SearchMode.Keyword && vector is not null)
        {
            var candidates = await VectorCandidatesAsync(vector, useCaptions, depth, filter, cancellationToken).ConfigureAwait(false);
            candidates.ExceptWith(excluded);
            vectorScores = await FusedScoresAsync(vector, useCaptions, candidates, cancellationToken).ConfigureAwait(false);
        }

        var keywordScores = await keywordTask.ConfigureAwait(false);
        var kept = Cut(request, Fuse(request, vectorScores, keywordScores), vectorScores, keywordScores);
        if (query.Sort == SortOrder.Date)
        {
            kept = NewestFirst(kept);
        }

        var page = kept.Skip(request.Offset).Take(request.K).ToList();
        if (vector is not null && request.Mode == SearchMode.Hybrid)
        {
            // Keyword hits the vector ranking did not reach still get their vector score, for display.
            var unscored = page.Select(t => t.Id).Where(id => !vectorScores.ContainsKey(id)).ToList();
            foreach (var (id, score) in await FusedScoresAsync(vector, useCaptions, unscored, cancellationToken).ConfigureAwait(false))
            {
                vectorScores[id] = score;
            }
        }

        return new SearchResults(Hits(query, page, vectorScores, keywordScores), kept.Count);
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

        var hits = await captions.SearchAsync(imageVector, k, Scan(null), cancellationToken).ConfigureAwait(false);
        var texts = index.Catalog.Captions([.. hits.Select(h => h.Id)]);
        var photos = index.Catalog.Photos([.. texts.Values.Select(t => t.PhotoId).Distinct()]);
        return [.. hits.Where(h => texts.ContainsKey(h.Id) && photos.ContainsKey(texts[h.Id].PhotoId))
            .Select(h => new CaptionHit(h.Id, texts[h.Id].Text, h.Score, texts[h.Id].PhotoId, photos[texts[h.Id].PhotoId].Path))];
    }

    private static void Validate(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.K);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.K, SearchOptions.MaxResults);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Offset + request.K, SearchRequest.MaxDepth, nameof(request));
        if (request.Alpha is { } alpha && !(alpha is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), "alpha must be from 0 to 1");
        }
    }

    /// <summary>The photos never to return: those holding an excluded word, and those the request names.</summary>
    private async Task<HashSet<long>> ExcludedAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var words = request.Query.ExcludedWords;
        var excluded = words.Count == 0 ? []
            : (await index.Keywords.SearchAsync(KeywordQuery.Of(string.Join(' ', words)), VectorStore.MaxK, cancellationToken).ConfigureAwait(false)).Select(h => h.Id).ToHashSet();
        excluded.UnionWith(request.Exclude);
        return excluded;
    }

    /// <summary>The ranking the mode asks for: one of the two, or both fused (by rank, or by <see cref="SearchRequest.Alpha"/>).</summary>
    private static List<(long Id, double Score)> Fuse(SearchRequest request, Dictionary<long, (double Score, long? Caption)> vectorScores, Dictionary<long, double> keywordScores)
    {
        var vectorRanking = Ranking(vectorScores.Select(p => (p.Key, p.Value.Score)));
        var keywordRanking = Ranking(keywordScores.Select(p => (p.Key, p.Value)));
        return request.Mode switch
        {
            SearchMode.Vector => vectorRanking,
            SearchMode.Keyword => keywordRanking,
            _ when request.Alpha is { } weight => WeightedFusion.Fuse(vectorRanking, keywordRanking, weight),
            _ => ReciprocalRankFusion.Fuse([.. vectorRanking.Select(r => r.Id)], [.. keywordRanking.Select(r => r.Id)]),
        };
    }

    /// <summary>Where the results stop: <see cref="SearchRequest.MinScore"/>, else the adaptive cut for text queries, else all.</summary>
    private List<(long Id, double Score)> Cut(SearchRequest request, List<(long Id, double Score)> ranked,
        Dictionary<long, (double Score, long? Caption)> vectorScores, Dictionary<long, double> keywordScores) =>
        request.MinScore is { } minimum ? [.. ranked.Where(r => r.Score >= minimum)]
        : request.TextVector is null && !request.Query.HasText ? ranked
        : AdaptiveCut.Apply(ranked, vectorScores.ToDictionary(p => p.Key, p => p.Value.Score), keywordScores, options.AdaptiveCutRatio);

    /// <summary>Newest taken first, photos without a date last; stable, so equal dates keep their relevance order (ISO dates sort as text).</summary>
    private List<(long Id, double Score)> NewestFirst(List<(long Id, double Score)> kept)
    {
        var dates = index.Catalog.Photos([.. kept.Select(r => r.Id)]).ToDictionary(p => p.Key, p => p.Value.TakenAt);
        return [.. kept.OrderBy(r => dates.GetValueOrDefault(r.Id) is null ? 1 : 0).ThenByDescending(r => dates.GetValueOrDefault(r.Id), StringComparer.Ordinal)];
    }

    /// <summary>The page as hits: what the catalog knows of each photo, its scores, and why it matched.</summary>
    private List<PhotoHit> Hits(ParsedQuery query, List<(long Id, double Score)> page, Dictionary<long, (double Score, long? Caption)> vectorScores, Dictionary<long, double> keywordScores)
    {
        var ids = page.Select(r => r.Id).ToList();
        var photos = index.Catalog.Photos(ids);
        var captions = index.Catalog.Captions([.. ids.Select(id => vectorScores.TryGetValue(id, out var v) ? v.Caption : null).OfType<long>()]);
        var tags = index.Catalog.TagsOf(ids);
        var words = MatchedWords.QueryWords(query);
        var hits = new List<PhotoHit>(page.Count);
        foreach (var (id, score) in page)
        {
            if (!photos.TryGetValue(id, out var photo))
            {
                continue;
            }

            var v = vectorScores.TryGetValue(id, out var found) ? found : ((double, long?)?)null;
            hits.Add(new PhotoHit(id, photo.Path, score, v?.Item1, keywordScores.TryGetValue(id, out var kw) ? kw : null,
                photo.Captions.Count > 0 ? photo.Captions[0] : null, photo.Width, photo.Height, photo.TakenAt,
                MatchedWords.In(words, [.. photo.Captions, .. tags.GetValueOrDefault(id) ?? [], Path.GetFileNameWithoutExtension(photo.Path)]),
                v?.Item2 is { } caption && captions.TryGetValue(caption, out var text) ? text.Text : null));
        }

        return hits;
    }

    /// <summary>BM25 scores of the keyword hits the filter allows and the exclusions leave.</summary>
    private async Task<Dictionary<long, double>> KeywordScoresAsync(ParsedQuery query, int depth, IdFilter? filter, HashSet<long> excluded, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<long, double>();
        var keywords = new KeywordQuery(query.Text, query.Phrases, query.ExcludedWords);
        foreach (var hit in await index.Keywords.SearchAsync(keywords, depth, cancellationToken).ConfigureAwait(false))
        {
            if ((filter is null || filter.Contains(hit.Id)) && !excluded.Contains(hit.Id))
            {
                scores[hit.Id] = hit.Score;
            }
        }

        return scores;
    }

    private static List<(long Id, double Score)> Ranking(IEnumerable<(long Id, double Score)> scores) =>
        [.. scores.OrderByDescending(p => p.Score).ThenBy(p => p.Id)];

    /// <summary>The ids the filter allows, or null when it allows every photo.</summary>
    private List<long>? Allowed(PhotoFilter filter) => filter.IsEmpty ? null : index.Catalog.SearchableIdsWhere(
        filter.After?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        filter.Before?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        filter.Camera,
        filter.Folder is { } name ? (folder, root) => FolderMatch.Matches(name, folder, root) : null);

    private async Task<HashSet<long>> VectorCandidatesAsync(float[] vector, bool useCaptions, int depth, IdFilter? filter, CancellationToken cancellationToken)
    {
        var candidates = new HashSet<long>();
        if (index.Images is { } images)
        {
            foreach (var hit in await images.SearchAsync(vector, depth, Scan(filter), cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(hit.Id);
            }
        }

        if (useCaptions && index.Captions is { } captions)
        {
            // Caption ids are not photo ids: the filter applies to their photos, after the scan.
            var hits = await captions.SearchAsync(vector, depth, Scan(null), cancellationToken).ConfigureAwait(false);
            foreach (var (_, caption) in index.Catalog.Captions([.. hits.Select(h => h.Id)]))
            {
                if (filter is null || filter.Contains(caption.PhotoId))
                {
                    candidates.Add(caption.PhotoId);
                }
            }
        }

        return candidates;
    }

    /// <summary>Each photo's exact fused vector score (see the remarks on the class), and its best caption by vector.</summary>
    private async Task<Dictionary<long, (double Score, long? Caption)>> FusedScoresAsync(float[] vector, bool useCaptions, IReadOnlyCollection<long> photoIds, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<long, (double Score, long? Caption)>(photoIds.Count);
        if (photoIds.Count == 0 || index.Images is not { } images)
        {
            return scores;
        }

        foreach (var hit in await images.ScoreAsync(vector, photoIds, cancellationToken).ConfigureAwait(false))
        {
            scores[hit.Id] = (hit.Score, null);
        }

        if (!useCaptions || index.Captions is not { } captions)
        {
            return scores;
        }

        var captionIds = index.Catalog.CaptionIdsOf(photoIds);
        var owner = captionIds.SelectMany(p => p.Value.Select(c => (Caption: c, Photo: p.Key))).ToDictionary(p => p.Caption, p => p.Photo);
        var best = new Dictionary<long, (double Score, long Caption)>();
        foreach (var hit in await captions.ScoreAsync(vector, owner.Keys, cancellationToken).ConfigureAwait(false))
        {
            var photo = owner[hit.Id];
            if (!best.TryGetValue(photo, out var current) || hit.Score > current.Score)
            {
                best[photo] = (hit.Score, hit.Id);
            }
        }

        var weight = options.CaptionWeight;
        foreach (var (photo, caption) in best)
        {
            if (scores.TryGetValue(photo, out var image))
            {
                scores[photo] = (((1 - weight) * image.Score) + (weight * caption.Score), caption.Caption);
            }
        }

        return scores;
    }

    private VectorSearchOptions Scan(IdFilter? filter) => new() { MaxThreads = options.ScanThreads, Filter = filter };
}
