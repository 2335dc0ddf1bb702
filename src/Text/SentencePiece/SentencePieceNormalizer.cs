using System.Text;
using Retrieval.Text.Pipeline;

namespace Retrieval.Text.SentencePiece;

/// <summary>
/// SentencePiece's own normalizer, as its library runs it (not Hugging Face's port): the longest rule of the compiled
/// charsmap at each point of the UTF-8 text, spaces at the ends dropped and runs of them made one, a "▁" in front, and
/// spaces written as "▁".
/// </summary>
public sealed class SentencePieceNormalizer : ITextNormalizer
{
    private const string Space = "\u2581";
    private readonly DoubleArrayTrie? _trie;
    private readonly byte[] _replacements = [];
    private readonly SentencePieceProto _spec;

    /// <summary>The normalizer <paramref name="spec"/> describes.</summary>
    public SentencePieceNormalizer(SentencePieceProto spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        if (spec.Charsmap.Length >= 4)
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(spec.Charsmap);
            if (size > spec.Charsmap.Length - 4)
            {
                throw new FormatException("the precompiled charsmap is truncated");
            }

            _trie = new DoubleArrayTrie(spec.Charsmap.AsSpan(4, size));
            _replacements = spec.Charsmap[(4 + size)..];
        }
    }

    /// <inheritdoc />
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = Encoding.UTF8.GetBytes(text).AsSpan();
        var output = new StringBuilder(text.Length + 1);
        var space = _spec.EscapeWhitespaces ? Space : " ";
        if (_spec.RemoveExtraWhitespaces)
        {
            while (input.Length > 0 && Prefix(input) is var (head, length) && head == " ")
            {
                input = input[length..];
            }
        }

        if (input.Length == 0)
        {
            return "";
        }

        if (_spec.AddDummyPrefix)
        {
            output.Append(space);
        }

        var previousSpace = _spec.RemoveExtraWhitespaces;
        while (input.Length > 0)
        {
            var (piece, length) = Prefix(input);
            input = input[length..];
            if (previousSpace)
            {
                piece = piece.TrimStart(' ');
            }

            if (piece.Length > 0)
            {
                output.Append(_spec.EscapeWhitespaces ? piece.Replace(" ", Space, StringComparison.Ordinal) : piece);
                previousSpace = piece.EndsWith(' ');
            }

            if (!_spec.RemoveExtraWhitespaces)
            {
                previousSpace = false;
            }
        }

        var result = output.ToString();
        while (_spec.RemoveExtraWhitespaces && result.EndsWith(space, StringComparison.Ordinal))
        {
            result = result[..^space.Length];
        }

        return result;
    }

    /// <summary>What the start of <paramref name="input"/> normalizes to, and how many of its bytes that consumes.</summary>
    private (string Text, int Length) Prefix(ReadOnlySpan<byte> input)
    {
        if (_trie?.LongestPrefix(input) is { } rule && rule.Value < _replacements.Length)
        {
            var end = Array.IndexOf(_replacements, (byte)0, rule.Value);
            return (Encoding.UTF8.GetString(_replacements, rule.Value, (end < 0 ? _replacements.Length : end) - rule.Value), rule.Length);
        }

        // No rule: one UTF-8 character as it is (a malformed one becomes U+FFFD, one byte consumed).
        var status = System.Text.Rune.DecodeFromUtf8(input, out var rune, out var consumed);
        return status == System.Buffers.OperationStatus.Done ? (rune.ToString(), consumed) : ("\uFFFD", 1);
    }
}
