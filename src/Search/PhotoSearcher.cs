using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Embedding;
using Retrieval.Ids;
using Retrieval.Keywords;
using Retrieval.Places;
using Retrieval.Vectors;
using Retrieval.Video;

namespace Retrieval.Search;

/// <summary>
/// The search core, shared by the CLI and the server: ranks the photos of an index for a text, an image, or
/// both, by vector similarity, by keywords (BM25), or both fused; filters, excludes, cuts, sorts and pages
/// them; and ranks the index's captions for an image. Reads are read-only and see what an indexer running
/// beside it has committed. It sees the index only through its interfaces.
/// </summary>
/// <remarks>
/// Text to image: a photo's vector score is <c>(1 - w) x cos(text, image) + w x max over its captions of
/// cos(text, caption)</c>, with <c>w</c> = <see cref="SearchOptions.CaptionWeight"/>, or <c>cos(text, image)</c>
/// for a photo without captions. Candidates are the best images and the photos of the best captions; every
/// candidate is then scored exactly. Hybrid fuses that ranking with the keyword ranking, each
/// <see cref="SearchOptions.CandidatesPerResult"/> times as deep as the results asked for: by reciprocal rank
/// (k = 60), or by <see cref="SearchRequest.Alpha"/>. See <see cref="AdaptiveCut"/> for where results stop.
/// Filters and exclusions are applied inside each ranking (a photo filter the backend turns into its own).
/// </remarks>
public sealed class PhotoSearcher(PhotoIndex index, SearchOptions options)
{
    /// <summary>The photos' image vectors, or null before anything was embedded.</summary>
    private PhotoVectors? ImageVectors => EmbeddingCollections.ImagesIn(index);

    /// <summary>The captions' text vectors, or null before anything was embedded.</summary>
    private PhotoVectors? CaptionVectors => EmbeddingCollections.CaptionsIn(index);

    /// <summary>The video frames' vectors, when any video was embedded.</summary>
    private PhotoVectors? FrameVectors => EmbeddingCollections.FramesIn(index);

    /// <summary>The ranked photos for <paramref name="request"/>.</summary>
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        SearchLimits.Validate(request);
        var ranking = await RankAsync(request, request.Offset + request.K, cancellationToken).ConfigureAwait(false);
        var page = ranking.Kept.Skip(request.Offset).Take(request.K).ToList();
        await ScoreUnrankedAsync(request, page, ranking.Vector, cancellationToken).ConfigureAwait(false);
        return new SearchResults(Hits(request, page, ranking.Vector, ranking.Keyword, ranking.Evidence), ranking.Kept.Count, request.Mode);
    }

    /// <summary>
    /// Every photo <paramref name="request"/> finds, as a filter: its own filter when it only lists (no text, no image,
    /// nothing left out), else its filter kept to the photos its ranking keeps past the cut, as deep as paging reaches
    /// (<see cref="SearchLimits.MaxDepth"/>) — what a timeline or a map of a search shows.
    /// </summary>
    public async Task<PhotoFilter> FoundAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Query.Filter;
        if (!request.Query.HasText && request.Vector() is null && request.Query.ExcludedWords.Count == 0 && request.Exclude.Count == 0)
        {
            return filter;
        }

        var ranking = await RankAsync(request, SearchLimits.MaxDepth, cancellationToken).ConfigureAwait(false);
        return filter with { Ids = ranking.Kept.Select(r => r.Id).ToHashSet() };
    }

    /// <summary>The photos <paramref name="ids"/> names, in that order, as unscored hits (a listing, not a search: nothing was matched).</summary>
    public IReadOnlyList<PhotoHit> Listed(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Hits(new SearchRequest(), [.. ids.Select(id => (id, 0.0))], [], [], KeywordEvidence.None);
    }

    /// <summary>
    /// Every result <paramref name="request"/> keeps, best first (or newest first), ranked deep enough to reach
    /// <paramref name="reach"/> results, with the scores and evidence they were ranked by.
    /// </summary>
    private async Task<RankedResults> RankAsync(SearchRequest request, int reach, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(request, cancellationToken).ConfigureAwait(false);
        if (scope?.Allowed is { Count: 0 })
        {
            return new RankedResults([], [], [], KeywordEvidence.None);
        }

        if (!request.Query.HasText && request.Vector() is null)
        {
            return new RankedResults(Browse(scope), [], [], KeywordEvidence.None);
        }

        var depth = Math.Min(Math.Max(reach * options.CandidatesPerResult, 50), IVectorIndex.MaxK);
        var (vectorScores, keywordScores, evidence) = await RankAllAsync(request, scope, depth, cancellationToken).ConfigureAwait(false);
        var kept = Cut(request, Fuse(request, vectorScores, keywordScores, evidence), vectorScores, keywordScores);
        return new RankedResults(request.Query.Sort == SortOrder.Date ? NewestFirst(kept) : kept, vectorScores, keywordScores, evidence);
    }

    /// <summary>
    /// No text and no image: every photo the filters allow, newest first (those without a date last) — a library listed by
    /// kind, folder or time. Scores are 0: nothing was matched.
    /// </summary>
    private List<(long Id, double Score)> Browse(IdFilter? scope)
    {
        IEnumerable<long> allowed = scope?.Allowed ?? (IEnumerable<long>)index.Catalog.SearchableIds(PhotoFilter.None);
        return NewestFirst([.. allowed.Where(id => scope is null || scope.Contains(id)).Select(id => (id, 0.0))]);
    }

    /// <summary>What a search kept, in order, with the vector and keyword scores and the keyword evidence it was ranked by.</summary>
    private sealed record RankedResults(List<(long Id, double Score)> Kept, Dictionary<long, VectorScore> Vector, Dictionary<long, double> Keyword, KeywordEvidence Evidence);

    /// <summary>Image to text: the <paramref name="k"/> captions in the index closest to an image's vector.</summary>
    public async Task<IReadOnlyList<CaptionHit>> CaptionsForImageAsync(float[] imageVector, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageVector);
        SearchLimits.ValidateCount(k);
        if (CaptionVectors is not { } captions)
        {
            return [];
        }

        var hits = await captions.SearchAsync(imageVector, k, null, options.ScanThreads, cancellationToken).ConfigureAwait(false);
        var texts = index.Catalog.Items(EmbeddingCollections.Captions, [.. hits.Select(h => h.Id)]);
        var photos = index.Catalog.Photos([.. hits.Select(h => h.PhotoId).Distinct()]);
        return [.. hits.Where(h => texts.ContainsKey(h.Id) && photos.ContainsKey(h.PhotoId))
            .Select(h => new CaptionHit(h.Id, texts[h.Id].Payload ?? "", h.Score, h.PhotoId, photos[h.PhotoId].Path))];
    }

    /// <summary>
    /// The photos the search may return, as one filter on photo ids: those the query's filter allows, less those
    /// holding an excluded word and those the request names. Null when every photo may be returned.
    /// </summary>
    private async Task<IdFilter?> ScopeAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var filter = request.Query.Filter;
        if (filter.People.Concat(filter.ExcludedPeople).FirstOrDefault(asked => index.Catalog.PeopleMatching(asked).Count == 0) is { } nobody)
        {
            // A mistyped name would otherwise find nothing (or, left out, leave everything in) without a word.
            throw new Errors.QuerySyntaxException($"person:{nobody}", $"person:{nobody} names nobody: give a person that name with `retrieval people name ID NAME` or in the page's People view, or use their id");
        }

        var words = request.Query.ExcludedWords;
        if (filter.IsEmpty && words.Count == 0 && request.Exclude.Count == 0)
        {
            return null;
        }

        var excluded = words.Count == 0 ? [] : (await index.Keywords.PhotosHoldingAsync(words, cancellationToken).ConfigureAwait(false)).ToHashSet();
        excluded.UnionWith(request.Exclude);
        return filter.IsEmpty ? IdFilter.Exclude(excluded) : IdFilter.Allow(index.Catalog.SearchableIds(filter)).Excluding(excluded);
    }

    /// <summary>
    /// The vector and the keyword scores the mode asks for, and (for evidence fusion) the keyword evidence by field.
    /// Hybrid runs the keyword searches beside the vector scan, one after the other on one thread (more would
    /// only contend with the scan's): on an idle server the search takes the longer of the two, not their sum.
    /// Evidence fusion scores every photo either side found by vector, so each is judged on all of it.
    /// </summary>
    private async Task<(Dictionary<long, VectorScore> Vector, Dictionary<long, double> Keyword, KeywordEvidence Evidence)> RankAllAsync(
        SearchRequest request, IdFilter? scope, int depth, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var evidence = UsesEvidence(request);
        var keywordTask = request.Mode != SearchMode.Vector && query.HasText
            ? Task.Run(() => KeywordEvidenceAsync(query, evidence, depth, scope, cancellationToken), cancellationToken)
            : Task.FromResult((Scores: new Dictionary<long, double>(), Evidence: KeywordEvidence.None));
        var vectorScores = new Dictionary<long, VectorScore>();
        if (request.Mode != SearchMode.Keyword && request.Vector() is { } vector)
        {
            var useCaptions = request.TextVector is not null;
            var candidates = await VectorCandidatesAsync(vector, useCaptions, depth, scope, cancellationToken).ConfigureAwait(false);
            if (evidence)
            {
                var (_, found) = await keywordTask.ConfigureAwait(false);
                candidates.UnionWith(found.Text.Keys.Concat(found.Names.Keys).Concat(found.Tags.Keys).Concat(found.Read.Keys));
            }

            vectorScores = await FusedScoresAsync(vector, useCaptions, candidates, cancellationToken).ConfigureAwait(false);
        }

        var (keywords, keywordEvidence) = await keywordTask.ConfigureAwait(false);
        return (vectorScores, keywords, keywordEvidence);
    }

    /// <summary>
    /// The keyword side: BM25 scores of the hits, in every field; for evidence fusion in captions and camera only, with
    /// the names and tags evidence beside them.
    /// </summary>
    private async Task<(Dictionary<long, double> Scores, KeywordEvidence Evidence)> KeywordEvidenceAsync(ParsedQuery query, bool evidence, int depth, IdFilter? scope, CancellationToken cancellationToken)
    {
        var text = await KeywordScoresAsync(query, evidence ? KeywordFields.Captions | KeywordFields.PhotoText | KeywordFields.Camera : KeywordFields.All, depth, scope, cancellationToken).ConfigureAwait(false);
        if (!evidence)
        {
            return (text, KeywordEvidence.None);
        }

        var (names, tags, read, placed, people) = await NameAndTagEvidenceAsync(query, depth, scope, cancellationToken).ConfigureAwait(false);
        return (text, new KeywordEvidence(text, names, tags) { Read = read, Placed = placed, People = people });
    }

    private bool UsesEvidence(SearchRequest request) => request.Mode == SearchMode.Hybrid && request.Alpha is null && options.Fusion == FusionMethod.Evidence;

    /// <summary>
    /// For each photo whose names, tags, text or analyzers' keyword fields hold the query's words: the share of the query's
    /// words its file and folder names, its owner's own tags and its analyzers' keyword fields hold (words given to it, not
    /// guessed); the best of its automatic tags' probability times
    /// the share of that tag's words asked; the share of the query's words the text read in it holds; and which photos'
    /// places hold some of them (a place counts as a name; the result says where it was taken), and which photos hold named
    /// people the query names (a person's name counts as a name too: "Anna is in it").
    /// </summary>
    private async Task<(Dictionary<long, double> Names, Dictionary<long, (double Probability, string Tag)> Tags, Dictionary<long, double> Read, HashSet<long> Placed,
        Dictionary<long, IReadOnlyList<string>> People)> NameAndTagEvidenceAsync(
        ParsedQuery query, int depth, IdFilter? scope, CancellationToken cancellationToken)
    {
        var hits = await index.Keywords.SearchAsync(new KeywordQuery(query.Text, query.Phrases, query.ExcludedWords) { Fields = KeywordFields.Names | KeywordFields.Tags | KeywordFields.PhotoText | KeywordFields.Analyzed },
            depth, scope, cancellationToken).ConfigureAwait(false);
        // The query's words split as names are ("IMG_0100" is "IMG 0100"), so a file name typed whole is its name's words.
        var asked = index.Keywords.Analyze(NameTokens.SplitJoinedWords(query.Text)).ToHashSet(StringComparer.Ordinal);
        var ids = hits.Select(h => h.Id).ToList();
        var allTags = index.Catalog.TagDetailsOf(ids);
        var read = new Dictionary<long, double>();
        foreach (var (id, lines) in index.Catalog.TextOf(ids))
        {
            var words = index.Keywords.Analyze(string.Join(' ', lines.Select(l => l.Text))).ToHashSet(StringComparer.Ordinal);
            if (asked.Count > 0 && asked.Count(words.Contains) is var inText and > 0)
            {
                read[id] = (double)inText / asked.Count;
            }
        }

        var names = new Dictionary<long, double>();
        var nameWords = new Dictionary<long, HashSet<string>>();
        var placed = new HashSet<long>();
        var fields = index.Catalog.FieldsOf(ids);
        foreach (var (id, photo) in index.Catalog.Photos(ids))
        {
            var place = (fields.GetValueOrDefault(id) ?? []).Where(f => f.Field == PlacesAnalyzer.Field).Select(f => f.Value);
            if (asked.Count > 0 && index.Keywords.Analyze(string.Join(' ', place)).Any(asked.Contains))
            {
                placed.Add(id);
            }

            var given = string.Join(' ', [.. (allTags.GetValueOrDefault(id) ?? []).Where(t => t.Source != TagText.AutoSource).Select(t => t.Tag),
                .. (fields.GetValueOrDefault(id) ?? []).Select(f => f.Value)]);
            var named = index.Keywords.Analyze($"{NameTokens.OfFileName(photo.Path)} {NameTokens.Split(Path.GetRelativePath(Path.GetDirectoryName(photo.Root) ?? photo.Root, photo.Folder))} {given}")
                .ToHashSet(StringComparer.Ordinal);
            if (asked.Count > 0 && asked.Where(named.Contains).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } words)
            {
                nameWords[id] = words;
                names[id] = (double)words.Count / asked.Count;
            }
        }

        // A photo's named people hold the query's words their names hold, beside its own names'.
        var people = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var (id, (inIt, words)) in PeopleNamed(asked, scope))
        {
            var all = nameWords.TryGetValue(id, out var own) ? [.. own, .. words] : words;
            names[id] = (double)all.Count / asked.Count;
            people[id] = inIt;
        }

        var tags = new Dictionary<long, (double Probability, string Tag)>();
        foreach (var (photo, photoTags) in allTags)
        {
            foreach (var tag in photoTags.Where(t => t.Source == TagText.AutoSource))
            {
                var terms = index.Keywords.Analyze(tag.Tag);
                var share = terms.Count == 0 ? 0 : (double)terms.Count(asked.Contains) / terms.Count;
                if (share > 0 && share * (tag.Confidence ?? 0) is var strength && strength > tags.GetValueOrDefault(photo).Probability)
                {
                    tags[photo] = (strength, tag.Tag);
                }
            }
        }

        return (names, tags, read, placed, people);
    }

    /// <summary>
    /// The photos in scope holding named people whose name the query's words (<paramref name="asked"/>, analyzed) hold — the
    /// whole name or its first word — with those people's names and the words of theirs asked.
    /// </summary>
    private Dictionary<long, (List<string> People, HashSet<string> Words)> PeopleNamed(HashSet<string> asked, IdFilter? scope)
    {
        var photos = new Dictionary<long, (List<string>, HashSet<string>)>();
        foreach (var person in index.Catalog.NamedPeople())
        {
            var terms = index.Keywords.Analyze(person.Name!);
            if (terms.Count == 0 || !(asked.Contains(terms[0]) || terms.All(asked.Contains)))
            {
                continue;
            }

            foreach (var id in index.Catalog.PhotosWithAnyOf([person.Id]).Where(id => scope is null || scope.Contains(id)))
            {
                if (!photos.TryGetValue(id, out var found))
                {
                    photos[id] = found = ([], new HashSet<string>(StringComparer.Ordinal));
                }

                found.Item1.Add(person.Name!);
                found.Item2.UnionWith(terms.Where(asked.Contains));
            }
        }

        return photos;
    }

    /// <summary>The ranking the mode asks for: one of the two, or both fused (by rank, or by <see cref="SearchRequest.Alpha"/>).</summary>
    private List<(long Id, double Score)> Fuse(SearchRequest request, Dictionary<long, VectorScore> vectorScores, Dictionary<long, double> keywordScores,
        KeywordEvidence evidence)
    {
        var vectorRanking = Ranking(vectorScores.Select(p => (p.Key, p.Value.Score)));
        var keywordRanking = Ranking(keywordScores.Select(p => (p.Key, p.Value)));
        return request.Mode switch
        {
            SearchMode.Vector => vectorRanking,
            SearchMode.Keyword => keywordRanking,
            _ when request.Alpha is { } weight => WeightedFusion.Fuse(vectorRanking, keywordRanking, weight),
            _ when UsesEvidence(request) && vectorScores.Count > 0 => EvidenceFusion.Fuse(vectorScores.ToDictionary(p => p.Key, p => p.Value.Score), evidence, options),
            _ => ReciprocalRankFusion.Fuse([.. vectorRanking.Select(r => r.Id)], [.. keywordRanking.Select(r => r.Id)]),
        };
    }

    /// <summary>Where the results stop: <see cref="SearchRequest.MinScore"/>, else the adaptive cut for text queries, else all.</summary>
    private List<(long Id, double Score)> Cut(SearchRequest request, List<(long Id, double Score)> ranked,
        Dictionary<long, VectorScore> vectorScores, Dictionary<long, double> keywordScores) =>
        request.MinScore is { } minimum ? [.. ranked.Where(r => r.Score >= minimum)]
        : request.TextVector is null && !request.Query.HasText ? ranked
        // Evidence fusion's score is a cosine plus what keywords add: cut on it, as on a vector score.
        : UsesEvidence(request) && vectorScores.Count > 0 ? AdaptiveCut.Apply(ranked, ranked.ToDictionary(r => r.Id, r => r.Score), new Dictionary<long, double>(), options.AdaptiveCutRatio)
        : AdaptiveCut.Apply(ranked, vectorScores.ToDictionary(p => p.Key, p => p.Value.Score), keywordScores, options.AdaptiveCutRatio);

    /// <summary>Newest taken first, photos without a date last; stable, so equal dates keep their relevance order (ISO dates sort as text).</summary>
    private List<(long Id, double Score)> NewestFirst(List<(long Id, double Score)> kept)
    {
        var dates = index.Catalog.Photos([.. kept.Select(r => r.Id)]).ToDictionary(p => p.Key, p => p.Value.TakenAt);
        return [.. kept.OrderBy(r => dates.GetValueOrDefault(r.Id) is null ? 1 : 0).ThenByDescending(r => dates.GetValueOrDefault(r.Id), StringComparer.Ordinal)];
    }

    /// <summary>Keyword hits on the page that the vector ranking did not reach still get their vector score, for display.</summary>
    private async Task ScoreUnrankedAsync(SearchRequest request, List<(long Id, double Score)> page, Dictionary<long, VectorScore> vectorScores, CancellationToken cancellationToken)
    {
        if (request.Mode != SearchMode.Hybrid || request.Vector() is not { } vector)
        {
            return;
        }

        var unscored = page.Select(t => t.Id).Where(id => !vectorScores.ContainsKey(id)).ToList();
        foreach (var (id, score) in await FusedScoresAsync(vector, request.TextVector is not null, unscored, cancellationToken).ConfigureAwait(false))
        {
            vectorScores[id] = score;
        }
    }

    /// <summary>The page as hits: what the catalog knows of each photo, its scores, and why it matched.</summary>
    private List<PhotoHit> Hits(SearchRequest request, List<(long Id, double Score)> page, Dictionary<long, VectorScore> vectorScores,
        Dictionary<long, double> keywordScores, KeywordEvidence evidence)
    {
        var query = request.Query;
        var adds = UsesEvidence(request) || request.Mode == SearchMode.Vector;
        var ids = page.Select(r => r.Id).ToList();
        var photos = index.Catalog.Photos(ids);
        var captions = index.Catalog.Items(EmbeddingCollections.Captions, [.. ids.Select(id => vectorScores.TryGetValue(id, out var v) ? v.Caption : null).OfType<long>()]);
        var frames = index.Catalog.Items(EmbeddingCollections.Frames, [.. ids.Select(id => vectorScores.TryGetValue(id, out var v) ? v.Frame : null).OfType<long>()]);
        var tags = index.Catalog.TagsOf(ids);
        var texts = index.Catalog.TextOf(ids);
        var fields = index.Catalog.FieldsOf(ids);
        var people = index.Catalog.PeopleIn(ids);
        var words = MatchedWords.QueryWords(query);
        var hits = new List<PhotoHit>(page.Count);
        foreach (var (id, score) in page)
        {
            if (!photos.TryGetValue(id, out var photo))
            {
                continue;
            }

            var v = vectorScores.TryGetValue(id, out var found) ? found : (VectorScore?)null;
            var lines = texts.GetValueOrDefault(id) ?? [];
            // The first line of text in the photo that holds a query word, to quote when that is what matched.
            var line = words.Count == 0 ? null : lines.FirstOrDefault(l => MatchedWords.In(words, [l.Text], index.Keywords.Analyze).Count > 0);
            var inCaptions = MatchedWords.In(words, photo.Captions, index.Keywords.Analyze).Count > 0;
            var at = photo.Kind == PhotoKind.Video ? VideoTime.FromPayload(v?.Frame is { } frame && frames.TryGetValue(frame, out var item) ? item.Payload : null) ?? photo.PosterAt : null;
            hits.Add(new PhotoHit(id, photo.Path, score, v?.Score, keywordScores.TryGetValue(id, out var kw) ? kw : null,
                photo.Captions.Count > 0 ? photo.Captions[0] : null, photo.Width, photo.Height, photo.TakenAt,
                MatchedWords.In(words, [.. photo.Captions, .. tags.GetValueOrDefault(id) ?? [], Path.GetFileNameWithoutExtension(photo.Path), .. lines.Select(l => l.Text),
                    .. (fields.GetValueOrDefault(id) ?? []).Select(f => f.Value)], index.Keywords.Analyze),
                v?.Caption is { } caption && captions.TryGetValue(caption, out var text) ? text.Payload : null,
                Why(id, v?.Score, keywordScores.TryGetValue(id, out var bm25) ? bm25 : null, evidence, adds, inCaptions ? null : line, v?.Frame is null ? null : at, photo.Place))
            {
                Kind = photo.Kind,
                At = at,
                Duration = photo.Duration,
                Place = photo.Place,
                People = people.GetValueOrDefault(id) ?? [],
            });
        }

        return hits;
    }

    /// <summary>
    /// Each piece of evidence for photo <paramref name="id"/> and, where the fusion adds scores up (<paramref name="adds"/>), what it
    /// added; the keyword evidence is the text in the photo, quoted, when its captions hold none of the words but <paramref name="line"/> does;
    /// a name that is its place says where it was taken.
    /// </summary>
    private List<Evidence> Why(long id, double? vector, double? bm25, KeywordEvidence evidence, bool adds, TextLine? line, double? frameAt, PhotoPlace? place)
    {
        var (text, names, tags, read) = evidence.Counted(id, options);
        var why = new List<Evidence>(4);
        if (vector is { } cosine)
        {
            var moment = frameAt is { } seconds ? $", best at {VideoTime.Format(seconds)}" : "";
            why.Add(new Evidence("meaning", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"similarity {cosine:0.000} to the query{moment}"), adds ? cosine : null));
        }

        // The text read in the photo counts with its BM25 evidence, or alone when the photo was not among the BM25 hits.
        var held = evidence.Read.TryGetValue(id, out var share) ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"holding {share:P0} of the query's words") : null;
        if (bm25 is { } keyword)
        {
            var inText = evidence.Text.ContainsKey(id);
            var kind = line is not null ? "text in photo" : inText ? "caption words" : "keywords";
            var quoted = line is null ? "" : $", \"{line.Text}\"";
            why.Add(new Evidence(kind, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"BM25 {keyword:0.00}{quoted}{(held is null ? "" : ", " + held)}"),
                adds && (inText || held is not null) ? (inText ? text : 0) + read : null));
        }
        else if (held is not null)
        {
            why.Add(new Evidence("text in photo", (line is null ? "" : $"\"{line.Text}\", ") + held, adds ? read : null));
        }

        if (evidence.Names.ContainsKey(id) && evidence.People.TryGetValue(id, out var people))
        {
            why.Add(new Evidence("person", $"{string.Join(" and ", people)} {(people.Count == 1 ? "is" : "are")} in it", adds ? names : null));
        }
        else if (evidence.Names.ContainsKey(id) && evidence.Placed.Contains(id) && place is not null)
        {
            why.Add(new Evidence("place", $"taken in {place.Label}", adds ? names : null));
        }
        else if (evidence.Names.TryGetValue(id, out var named))
        {
            why.Add(new Evidence("name", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"its names or own tags hold {named:P0} of the query's words"), adds ? names : null));
        }

        if (evidence.Tags.TryGetValue(id, out var tag))
        {
            why.Add(new Evidence("tag", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"automatic tag \"{tag.Tag}\", probability {tag.Probability:0.00}"), adds ? tags : null));
        }

        return why;
    }

    /// <summary>BM25 scores of the keyword hits (in <paramref name="fields"/>) among the photos in scope.</summary>
    private async Task<Dictionary<long, double>> KeywordScoresAsync(ParsedQuery query, KeywordFields fields, int depth, IdFilter? scope, CancellationToken cancellationToken)
    {
        var keywords = new KeywordQuery(query.Text, query.Phrases, query.ExcludedWords) { Fields = fields };
        var scores = new Dictionary<long, double>();
        foreach (var hit in await index.Keywords.SearchAsync(keywords, depth, scope, cancellationToken).ConfigureAwait(false))
        {
            scores[hit.Id] = hit.Score;
        }

        return scores;
    }

    private static List<(long Id, double Score)> Ranking(IEnumerable<(long Id, double Score)> scores) =>
        [.. scores.OrderByDescending(p => p.Score).ThenBy(p => p.Id)];

    /// <summary>The photos of the best images and video frames and (for a text) of the best captions, among those in scope.</summary>
    private async Task<HashSet<long>> VectorCandidatesAsync(float[] vector, bool useCaptions, int depth, IdFilter? scope, CancellationToken cancellationToken)
    {
        var candidates = new HashSet<long>();
        foreach (var collection in (PhotoVectors?[])[ImageVectors, FrameVectors, useCaptions ? CaptionVectors : null])
        {
            if (collection is not null)
            {
                candidates.UnionWith((await collection.SearchAsync(vector, depth, scope, options.ScanThreads, cancellationToken).ConfigureAwait(false)).Select(h => h.PhotoId));
            }
        }

        return candidates;
    }

    /// <summary>
    /// Each photo's exact fused vector score (see the remarks on the class), and its best caption by vector. A video scores
    /// as its best frame, which says when the moment is.
    /// </summary>
    private async Task<Dictionary<long, VectorScore>> FusedScoresAsync(float[] vector, bool useCaptions, IReadOnlyCollection<long> photoIds, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<long, VectorScore>(photoIds.Count);
        if (photoIds.Count == 0 || ImageVectors is not { } images)
        {
            return scores;
        }

        foreach (var (photo, hit) in await images.BestPerPhotoAsync(vector, photoIds, cancellationToken).ConfigureAwait(false))
        {
            scores[photo] = new VectorScore(hit.Score, null, null);
        }

        if (FrameVectors is { } frames)
        {
            foreach (var (photo, frame) in await frames.BestPerPhotoAsync(vector, photoIds, cancellationToken).ConfigureAwait(false))
            {
                scores[photo] = scores.TryGetValue(photo, out var image) && image.Score > frame.Score
                    ? image with { Frame = frame.Id }
                    : new VectorScore(frame.Score, null, frame.Id);
            }
        }

        if (!useCaptions || CaptionVectors is not { } captions)
        {
            return scores;
        }

        var weight = options.CaptionWeight;
        foreach (var (photo, caption) in await captions.BestPerPhotoAsync(vector, photoIds, cancellationToken).ConfigureAwait(false))
        {
            if (scores.TryGetValue(photo, out var image))
            {
                scores[photo] = image with { Score = ((1 - weight) * image.Score) + (weight * caption.Score), Caption = caption.Id };
            }
        }

        return scores;
    }
}
