namespace Retrieval.Keywords;

/// <summary>
/// A keyword query: free words (each scores by its best field), phrases a hit must hold word for word, and
/// words a hit must not hold.
/// </summary>
public sealed record KeywordQuery(string Words, IReadOnlyList<string> Phrases, IReadOnlyList<string> Excluded)
{
    /// <summary>Free words only.</summary>
    public static KeywordQuery Of(string words) => new(words, [], []);
}
