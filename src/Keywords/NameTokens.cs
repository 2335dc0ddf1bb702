using System.Text;

namespace Retrieval.Keywords;

/// <summary>
/// Words out of file and folder names: "IMG_2041-beachDay.jpg" is "IMG 2041 beach Day" (the extension
/// dropped; split on _ - . and spaces, and where camelCase or digits meet letters).
/// </summary>
public static class NameTokens
{
    /// <summary>The words of a file name, without its extension.</summary>
    public static string OfFileName(string fileName) => Split(Path.GetFileNameWithoutExtension(fileName ?? ""));

    /// <summary>
    /// <paramref name="text"/> with each word that joins names as files do — an underscore, letters run into digits
    /// ("IMG_0100", "DSC0042") — split as a name is; other words as they are.
    /// </summary>
    public static string SplitJoinedWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Contains('_', StringComparison.Ordinal) || (word.Any(char.IsLetter) && word.Any(char.IsDigit)) ? Split(word) : word));
    }

    /// <summary>The words of a name, separated by single spaces.</summary>
    public static string Split(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Space(words);
                continue;
            }

            if (i > 0 && Boundary(name[i - 1], c, i + 1 < name.Length ? name[i + 1] : ' '))
            {
                Space(words);
            }

            words.Append(c);
        }

        return words.ToString().Trim();
    }

    // lower→Upper ("beachDay"), letter↔digit ("IMG2041"), and the end of an acronym ("HTMLPage": "HTML Page").
    private static bool Boundary(char previous, char current, char next) =>
        (char.IsLower(previous) && char.IsUpper(current))
        || (char.IsLetter(previous) && char.IsDigit(current))
        || (char.IsDigit(previous) && char.IsLetter(current))
        || (char.IsUpper(previous) && char.IsUpper(current) && char.IsLower(next));

    private static void Space(StringBuilder words)
    {
        if (words.Length > 0 && words[^1] != ' ')
        {
            words.Append(' ');
        }
    }
}
