namespace Retrieval.Search;

/// <summary>
/// Fusion by the weight of the evidence: a photo's score is its vector score (cosine, what the model sees), plus what
/// its keyword matches are worth — a match in its captions up to <see cref="SearchOptions.TextWeight"/>, in proportion
/// to its BM25 score against the best (never against less than <see cref="SearchOptions.TextScoreFloor"/>, so a single
/// weak match is not taken for a strong one); words a person gave it (file and folder names, own tags) holding the
/// query's words up to <see cref="SearchOptions.NameWeight"/> times the share of the words they hold; an automatic tag
/// <see cref="SearchOptions.TagWeight"/> times its probability; the text read in it holding the query's words up to
/// <see cref="SearchOptions.PhotoTextWeight"/> times the share it holds. Without captions or telling names the keywords rarely outweigh the model; a caption or a
/// name holding the query's words does.
/// </summary>
public static class EvidenceFusion
{
    /// <summary>The fused ranking of every photo with a vector score, best first, ties by id.</summary>
    public static List<(long Id, double Score)> Fuse(IReadOnlyDictionary<long, double> vector, KeywordEvidence keywords, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(options);
        return [.. vector.Select(p => (Id: p.Key, Score: p.Value + Bonus(p.Key, keywords, options))).OrderByDescending(p => p.Score).ThenBy(p => p.Id)];
    }

    /// <summary>What <paramref name="id"/>'s keyword evidence adds to its vector score.</summary>
    public static double Bonus(long id, KeywordEvidence keywords, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var (text, names, tags, read) = keywords.Counted(id, options);
        return text + names + tags + read;
    }
}
