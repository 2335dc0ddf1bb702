using System.Text;
using System.Text.RegularExpressions;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// GPT-2's byte-level step (<c>ByteLevel</c>): optionally a space before the text and GPT-2's split pattern, then each
/// UTF-8 byte written as the printable character GPT-2's alphabet assigns it, so any text has a spelling in the vocabulary.
/// </summary>
public sealed partial class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    private static readonly char[] Alphabet = BuildAlphabet();

    /// <inheritdoc />
    public List<TextPiece> Split(List<TextPiece> pieces)
    {
        var result = new List<TextPiece>(pieces.Count);
        foreach (var piece in pieces)
        {
            var text = addPrefixSpace && !piece.Text.StartsWith(' ') ? " " + piece.Text : piece.Text;
            if (!useRegex)
            {
                result.Add(piece with { Text = Encode(text) });
                continue;
            }

            var first = true;
            foreach (Match match in Gpt2Pattern().Matches(text))
            {
                result.Add(new TextPiece(Encode(match.Value), piece.AtStart && first));
                first = false;
            }
        }

        return result;
    }

    /// <summary><paramref name="text"/>'s UTF-8 bytes in GPT-2's byte alphabet.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = Alphabet[bytes[i]];
        }

        return new string(chars);
    }

    // Printable Latin-1 bytes stand for themselves; the rest map to U+0100 onwards, in byte order.
    private static char[] BuildAlphabet()
    {
        var alphabet = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            alphabet[b] = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF ? (char)b : (char)next++;
        }

        return alphabet;
    }

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Pattern();
}
