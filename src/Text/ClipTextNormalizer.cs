using System.Net;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Retrieval.Text;

/// <summary>
/// CLIP's text cleaning: Unicode NFC (standing in for ftfy, as the Hugging Face fast tokenizer does),
/// HTML entities unescaped twice (captions scraped from the web are often escaped twice), every run of
/// white space folded to one space, trimmed, lower-cased.
/// </summary>
public sealed class ClipTextNormalizer : Normalizer
{
    /// <summary>The one instance; the normalizer has no state.</summary>
    public static ClipTextNormalizer Instance { get; } = new();

    private ClipTextNormalizer() { }

    /// <inheritdoc />
    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Normalize(original.AsSpan());
    }

    /// <inheritdoc />
    public override string Normalize(ReadOnlySpan<char> original)
    {
        var text = original.ToString().Normalize(NormalizationForm.FormC);
        text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        return FoldWhiteSpace(text).ToLowerInvariant();
    }

    private static string FoldWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsPythonWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // Python's str.isspace (which the reference's \s follows) also counts the ASCII separators 0x1C-0x1F.
    private static bool IsPythonWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
