using System.Globalization;
using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>Drops combining marks (<c>StripAccents</c>; a <c>NFD</c> step before it splits accents off their letters).</summary>
public sealed class StripAccentsNormalizer : ITextNormalizer
{
    /// <summary>The one instance.</summary>
    public static StripAccentsNormalizer Instance { get; } = new();

    /// <inheritdoc />
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
