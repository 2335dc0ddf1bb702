using System.Text;

namespace Retrieval.Keywords;

/// <summary>
/// Substring matching for text read in photos, where the recogniser often runs words together ("Notes:kohlrabiandmore"):
/// each line is also indexed as the overlapping three-letter pieces of its letters and digits, and a query word of at
/// least <see cref="MinLength"/> Latin letters or digits matches where its pieces stand in a row — anywhere inside a
/// run-together line, never across a character the word does not have.
/// </summary>
internal static class TextGrams
{
    /// <summary>The field the pieces are indexed in.</summary>
    public const string Field = "textgrams";

    /// <summary>Shorter words would match inside too many others.</summary>
    public const int MinLength = 5;

    private const int Size = 3;

    /// <summary>The pieces of <paramref name="line"/>, separated by spaces (the field's analysis splits on them).</summary>
    public static string Of(string line) => string.Join(' ', Pieces(Letters(line)));

    /// <summary>The pieces of a query word, or none when it is too short or not Latin letters and digits (CJK text has its bigrams).</summary>
    public static IReadOnlyList<string> OfWord(string word)
    {
        var letters = Letters(word);
        return letters.Length >= MinLength && letters.All(c => c < 0x250) ? Pieces(letters) : [];
    }

    private static string Letters(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }

    private static List<string> Pieces(string letters) =>
        [.. Enumerable.Range(0, Math.Max(0, letters.Length - Size + 1)).Select(i => letters.Substring(i, Size))];
}
