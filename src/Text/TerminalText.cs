using System.Buffers;
using System.Globalization;
using System.Text;

namespace Retrieval.Text;

/// <summary>
/// Text from a photo library (file names, caption files, metadata) made safe to print: a terminal acts on control
/// characters rather than showing them — <c>ESC ]0;…</c> retitles the window, <c>ESC [2J</c> clears it, a carriage
/// return overwrites the line, bidirectional overrides reorder what is read — so each is shown as an escape
/// (<c>\x1B</c>, <c>\u202E</c>) instead.
/// </summary>
public static class TerminalText
{
    // C0 and C1 controls, DEL, and the Unicode marks that reorder text (ALM, LRM, RLM, LRE–RLO, LRI–PDI).
    private const string Marks = "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    private static readonly SearchValues<char> Acting = Controls(keepLineBreaks: false);

    private static readonly SearchValues<char> ActingBesideLineBreaks = Controls(keepLineBreaks: true);

    /// <summary>
    /// <paramref name="text"/> with every character a terminal would act on escaped; with
    /// <paramref name="keepLineBreaks"/>, line feeds and tabs pass (for output that is several lines by design).
    /// </summary>
    public static string Escape(string text, bool keepLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var acting = keepLineBreaks ? ActingBesideLineBreaks : Acting;
        var first = text.AsSpan().IndexOfAny(acting);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!acting.Contains(c))
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    < '\u0100' => string.Create(CultureInfo.InvariantCulture, $@"\x{(int)c:X2}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
                });
            }
        }

        return escaped.ToString();
    }

    private static SearchValues<char> Controls(bool keepLineBreaks) => SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => !keepLineBreaks || c is not ('\n' or '\t')))
        + Marks);
}
