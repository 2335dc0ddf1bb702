namespace Retrieval.Search;

/// <summary>
/// What keywords say of each photo, by how far they can be trusted: the BM25 score of its captions (and camera), the
/// share of the query's words the words a person gave it hold (names, own tags), and its best matching automatic tag's probability.
/// </summary>
public sealed record KeywordEvidence(IReadOnlyDictionary<long, double> Text, IReadOnlyDictionary<long, double> Names, IReadOnlyDictionary<long, double> Tags)
{
    /// <summary>No evidence.</summary>
    public static KeywordEvidence None { get; } = new(new Dictionary<long, double>(), new Dictionary<long, double>(), new Dictionary<long, double>());

    /// <summary>Every photo some keyword evidence speaks for.</summary>
    public IEnumerable<long> Photos => Text.Keys.Concat(Names.Keys).Concat(Tags.Keys);
}
