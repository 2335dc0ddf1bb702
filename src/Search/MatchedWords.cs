namespace Retrieval.Search;

/// <summary>
/// Why a result matched by keywords: which of the query's words appear in the photo's captions, tags or file
/// name, as whole words, ignoring case and a plural "s" / "es" ("dogs" matches "dog").
/// </summary>
public static class MatchedWords
{
    /// <summary>The words of <paramref name="query"/> worth reporting: its text's words of two or more letters or digits.</summary>
    public static IReadOnlyList<string> QueryWords(ParsedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. Words(query.Text).Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The words of <paramref name="words"/> that occur in any of <paramref name="texts"/>.</summary>
    public static IReadOnlyList<string> In(IReadOnlyList<string> words, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(texts);
        if (words.Count == 0)
        {
            return [];
        }

        var present = texts.SelectMany(Words).Select(Stem).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. words.Where(w => present.Contains(Stem(w)))];
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("es", StringComparison.OrdinalIgnoreCase) ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') ? word[..^1]
        : word;
}
