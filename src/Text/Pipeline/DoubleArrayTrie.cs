using System.Buffers.Binary;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// A darts-clone double-array trie over bytes, the form SentencePiece stores its normalization rules in: each 32-bit
/// unit packs a label, a leaf flag and the XOR offset of its children.
/// </summary>
internal sealed class DoubleArrayTrie
{
    private readonly uint[] _units;

    public DoubleArrayTrie(ReadOnlySpan<byte> blob)
    {
        _units = new uint[blob.Length / 4];
        for (var i = 0; i < _units.Length; i++)
        {
            _units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(i * 4)..]);
        }
    }

    /// <summary>The value of the shortest key that is a prefix of <paramref name="key"/>, and that key's length; null when none is.</summary>
    public (int Value, int Length)? FirstPrefix(ReadOnlySpan<byte> key) => Prefix(key, longest: false);

    /// <summary>The value of the longest key that is a prefix of <paramref name="key"/>, and that key's length; null when none is.</summary>
    public (int Value, int Length)? LongestPrefix(ReadOnlySpan<byte> key) => Prefix(key, longest: true);

    private (int Value, int Length)? Prefix(ReadOnlySpan<byte> key, bool longest)
    {
        if (_units.Length == 0)
        {
            return null;
        }

        (int, int)? found = null;
        var node = Offset(_units[0]);
        for (var i = 0; i < key.Length && key[i] != 0; i++)
        {
            node ^= key[i];
            if (node >= _units.Length)
            {
                break;
            }

            var unit = _units[node];
            if (Label(unit) != key[i])
            {
                break;
            }

            node ^= Offset(unit);
            if (HasLeaf(unit) && node < _units.Length)
            {
                found = ((int)(_units[node] & 0x7FFFFFFF), i + 1);
                if (!longest)
                {
                    return found;
                }
            }
        }

        return found;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    private static uint Label(uint unit) => unit & ((1u << 31) | 0xFF);

    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;
}
