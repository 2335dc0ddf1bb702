namespace Retrieval.Search;

/// <summary>
/// What keywords say of each photo, by how far they can be trusted: the BM25 score of its captions (and camera), the
/// share of the query's words the words a person gave it hold (names, own tags), and its best matching automatic tag's probability.
/// </summary>
public sealed record KeywordEvidence(IReadOnlyDictionary<long, double> Text, IReadOnlyDictionary<long, double> Names, IReadOnlyDictionary<long, (double Probability, string Tag)> Tags)
{
    /// <summary>For each photo whose text (read by OCR) holds some of the query's words, the share it holds.</summary>
    public IReadOnlyDictionary<long, double> Read { get; init; } = new Dictionary<long, double>();

    /// <summary>The photos among <see cref="Names"/> whose place (town, city, region, country) holds some of the query's words.</summary>
    public IReadOnlySet<long> Placed { get; init; } = new HashSet<long>();

    /// <summary>For each photo holding a named person the query names (their name, or its first word), those people's names.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> People { get; init; } = new Dictionary<long, IReadOnlyList<string>>();

    /// <summary>No keyword evidence: a search by vector, or a fusion that does not weigh it.</summary>
    public static KeywordEvidence None { get; } = new(new Dictionary<long, double>(), new Dictionary<long, double>(), new Dictionary<long, (double, string)>());

    // The best caption score, read once: every photo's share is taken against it.
    private readonly double _bestText = Text.Count == 0 ? 0 : Text.Values.Max();

    /// <summary>What each piece of <paramref name="id"/>'s keyword evidence adds under evidence fusion with <paramref name="options"/>.</summary>
    public (double Text, double Names, double Tags, double Read) Counted(long id, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var best = Math.Max(_bestText, options.TextScoreFloor);
        return (options.TextWeight * (Text.GetValueOrDefault(id) / best), options.NameWeight * Names.GetValueOrDefault(id),
            options.TagWeight * (Tags.TryGetValue(id, out var tag) ? tag.Probability : 0), options.PhotoTextWeight * Read.GetValueOrDefault(id));
    }
}
