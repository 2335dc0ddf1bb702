namespace Retrieval.Search;

/// <summary>
/// Why a result matched by keywords: which of the query's words appear in the photo's captions, tags or file
/// name, compared after the keyword index's own analysis (case, stop words, stemming), so a word is listed
/// exactly when the index would match it there ("dogs" matches "dog"; "the" never counts).
/// </summary>
public static class MatchedWords
{
    /// <summary>The words of <paramref name="query"/> worth reporting: its text's words of two or more letters or digits.</summary>
    public static IReadOnlyList<string> QueryWords(ParsedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. Words(query.Text).Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The words of <paramref name="words"/> that occur in any of <paramref name="texts"/>, both seen through <paramref name="analyze"/>.</summary>
    public static IReadOnlyList<string> In(IReadOnlyList<string> words, IEnumerable<string> texts, Func<string, IReadOnlyList<string>> analyze)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(analyze);
        if (words.Count == 0)
        {
            return [];
        }

        var present = texts.SelectMany(analyze).ToHashSet(StringComparer.Ordinal);
        return [.. words.Where(w => analyze(w) is { Count: > 0 } terms && terms.All(present.Contains))];
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
}
