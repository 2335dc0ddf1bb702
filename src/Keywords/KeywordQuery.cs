namespace Retrieval.Keywords;

/// <summary>
/// A keyword query: free words (each scores by its best field), phrases a hit must hold word for word, words a hit
/// must not hold, and the fields it looks in (every field unless told).
/// </summary>
public sealed record KeywordQuery(string Words, IReadOnlyList<string> Phrases, IReadOnlyList<string> Excluded)
{
    /// <summary>The fields the words and phrases are matched in (exclusions always look in every field).</summary>
    public KeywordFields Fields { get; init; } = KeywordFields.All;

    /// <summary>Free words only.</summary>
    public static KeywordQuery Of(string words) => new(words, [], []);
}
