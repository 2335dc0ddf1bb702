using System.Globalization;
using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// BERT's normalization (<c>BertNormalizer</c>), in its order: control characters dropped and white space made a space
/// (<paramref name="cleanText"/>), CJK ideographs set apart by spaces, accents stripped, lower-cased.
/// </summary>
public sealed class BertTextNormalizer(bool cleanText, bool handleChineseChars, bool stripAccents, bool lowercase) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            if (cleanText && (rune.Value is 0 or 0xFFFD || IsControl(rune)))
            {
                continue;
            }

            if (cleanText && Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else if (handleChineseChars && IsCjk(rune.Value))
            {
                builder.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        var result = builder.ToString();
        if (stripAccents)
        {
            result = StripAccentsNormalizer.Instance.Normalize(result.Normalize(NormalizationForm.FormD));
        }

        return lowercase ? result.ToLower(CultureInfo.InvariantCulture) : result;
    }

    // BERT counts tab, newline and carriage return as white space, every other C* character as control (even U+000B).
    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;

    private static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
