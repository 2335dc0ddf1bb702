using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// SentencePiece's compiled normalization rules (<c>Precompiled</c>, the <c>precompiled_charsmap</c> of T5, SigLIP,
/// XLM-R): a trie from UTF-8 sequences to their replacements, applied as Hugging Face applies it — a whole grapheme
/// cluster of under 6 bytes when a rule starts it, else character by character.
/// </summary>
public sealed class PrecompiledNormalizer : ITextNormalizer
{
    private readonly DoubleArrayTrie _trie;
    private readonly byte[] _replacements;

    /// <summary>Reads the charsmap: a 32-bit trie size in bytes, the trie, then the NUL-separated replacement strings.</summary>
    /// <exception cref="FormatException">The charsmap is truncated.</exception>
    public PrecompiledNormalizer(byte[] charsmap)
    {
        ArgumentNullException.ThrowIfNull(charsmap);
        if (charsmap.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(charsmap) is var size && size > charsmap.Length - 4)
        {
            throw new FormatException("the precompiled charsmap is truncated");
        }

        _trie = new DoubleArrayTrie(charsmap.AsSpan(4, (int)size));
        _replacements = charsmap[(4 + (int)size)..];
    }

    /// <inheritdoc />
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        Span<byte> buffer = stackalloc byte[64];
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var grapheme = (string)graphemes.Current;
            var length = Encoding.UTF8.GetByteCount(grapheme);
            if (length < 6 && Transform(grapheme, buffer) is { } whole)
            {
                builder.Append(whole);
                continue;
            }

            foreach (var rune in grapheme.EnumerateRunes())
            {
                var part = rune.ToString();
                builder.Append(Transform(part, buffer) ?? part);
            }
        }

        return builder.ToString();
    }

    // Like Hugging Face: the first (shortest) rule matching a prefix of the chunk replaces the whole chunk.
    private string? Transform(string chunk, Span<byte> buffer)
    {
        var written = Encoding.UTF8.GetBytes(chunk, buffer);
        if (_trie.FirstPrefix(buffer[..written]) is not { } match || match.Value >= _replacements.Length)
        {
            return null;
        }

        var end = Array.IndexOf(_replacements, (byte)0, match.Value);
        return Encoding.UTF8.GetString(_replacements, match.Value, (end < 0 ? _replacements.Length : end) - match.Value);
    }
}
