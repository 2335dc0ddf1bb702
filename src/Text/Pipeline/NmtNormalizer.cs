using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>SentencePiece's NMT rule (<c>Nmt</c>): control characters go, odd spaces and separators become a space.</summary>
public sealed class NmtNormalizer : ITextNormalizer
{
    /// <summary>The one instance.</summary>
    public static NmtNormalizer Instance { get; } = new();

    /// <inheritdoc />
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u0001' and <= '\u0008' or '\u000B' or >= '\u000E' and <= '\u001F' or '\u007F' or '\u008F' or '\u009F':
                    break;
                case '\u0009' or '\u000A' or '\u000C' or '\u000D' or '\u1680' or >= '\u200B' and <= '\u200F' or '\u2028' or '\u2029' or '\u2581' or '\uFEFF' or '\uFFFD':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
