using System.Globalization;
using System.Text;

namespace Retrieval.Text;

/// <summary>
/// A tokenizer behind the text cleaning an export's runtime does first — immich's <c>clean_text</c>: white space runs
/// made one space (Python's <c>split</c>/<c>join</c>), and with <see cref="TextCleaning.Canonicalize"/> ASCII
/// punctuation removed and the text lower-cased — so the ids are the ones that runtime feeds its graph.
/// </summary>
public sealed class CleaningTokenizer(ITextTokenizer inner, TextCleaning cleaning) : ITextTokenizer
{
    // Python's str.isspace: .NET's white space and the information separators U+001C to U+001F.
    private static readonly char[] PythonSpaces = [.. Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F')];

    /// <inheritdoc />
    public int ContextLength => inner.ContextLength;

    /// <inheritdoc />
    public int PaddingId => inner.PaddingId;

    /// <inheritdoc />
    public int[] Encode(string text) => inner.Encode(Clean(text, cleaning));

    /// <summary><paramref name="text"/> as <paramref name="cleaning"/> leaves it.</summary>
    public static string Clean(string text, TextCleaning cleaning)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (cleaning == TextCleaning.None)
        {
            return text;
        }

        // In immich's order: split and join (which trims), then the punctuation goes (leaving its spaces), then lower case.
        var collapsed = string.Join(' ', text.Split(PythonSpaces, StringSplitOptions.RemoveEmptyEntries));
        if (cleaning != TextCleaning.Canonicalize)
        {
            return collapsed;
        }

        var builder = new StringBuilder(collapsed.Length);
        foreach (var c in collapsed)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is > ' ' and < '\u007F')
            {
                continue; // Python's string.punctuation: every printable ASCII character but letters, digits and space
            }

            builder.Append(c);
        }

        return builder.ToString().ToLower(CultureInfo.InvariantCulture);
    }

}
