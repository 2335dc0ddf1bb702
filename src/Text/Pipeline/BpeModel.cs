using System.Collections.Concurrent;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// Byte-pair encoding as Hugging Face's <c>BPE</c> model runs it: a piece's characters (the first plain, the others with
/// the continuing-subword prefix, the last with the end-of-word suffix) merged pair by pair, the lowest-ranked pair
/// first and the leftmost among equals. A character outside the vocabulary becomes its UTF-8 bytes as <c>&lt;0xXX&gt;</c>
/// tokens (byte fallback), else the unknown token (consecutive ones fused when asked). Thread-safe.
/// </summary>
public sealed class BpeModel : ITokenModel
{
    private const int CacheLimit = 50_000;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(int Left, int Right), (int Rank, int Merged)> _merges;
    private readonly int? _unknownId;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _fuseUnknown;
    private readonly bool _byteFallback;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Builds the model from its vocabulary and merges (each a pair of tokens, in rank order).</summary>
    /// <exception cref="FormatException">A merge names a token the vocabulary lacks.</exception>
    public BpeModel(Dictionary<string, int> vocabulary, IReadOnlyList<(string Left, string Right)> merges, string? unknownToken,
        string? continuingSubwordPrefix, string? endOfWordSuffix, bool fuseUnknown, bool byteFallback, bool ignoreMerges)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(merges);
        _vocabulary = vocabulary;
        _prefix = continuingSubwordPrefix ?? "";
        _suffix = endOfWordSuffix ?? "";
        _fuseUnknown = fuseUnknown;
        _byteFallback = byteFallback;
        _ignoreMerges = ignoreMerges;
        _unknownId = unknownToken is not null && vocabulary.TryGetValue(unknownToken, out var unknown) ? unknown : null;
        _merges = new Dictionary<(int, int), (int, int)>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            var merged = left + (right.StartsWith(_prefix, StringComparison.Ordinal) ? right[_prefix.Length..] : right);
            if (!vocabulary.TryGetValue(left, out var leftId) || !vocabulary.TryGetValue(right, out var rightId) || !vocabulary.TryGetValue(merged, out var mergedId))
            {
                throw new FormatException($"merge {rank + 1} ('{left} {right}') names a token the vocabulary lacks");
            }

            _merges.TryAdd((leftId, rightId), (rank, mergedId));
        }
    }

    /// <inheritdoc />
    public int? IdOf(string token) => _vocabulary.TryGetValue(token, out var id) ? id : null;

    /// <inheritdoc />
    public void Tokenize(string piece, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(ids);
        if (_cache.TryGetValue(piece, out var cached))
        {
            ids.AddRange(cached);
            return;
        }

        var result = Merge(piece);
        if (_cache.Count < CacheLimit)
        {
            _cache.TryAdd(piece, result);
        }

        ids.AddRange(result);
    }

    private int[] Merge(string piece)
    {
        if (_ignoreMerges && _vocabulary.TryGetValue(piece, out var whole))
        {
            return [whole];
        }

        var symbols = Symbols(piece);
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            var bestMerged = 0;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_merges.TryGetValue((symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    (best, bestRank, bestMerged) = (i, merge.Rank, merge.Merged);
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] = bestMerged;
            symbols.RemoveAt(best + 1);
        }

        return [.. symbols];
    }

    /// <summary>The piece's characters as ids, before any merge.</summary>
    private List<int> Symbols(string piece)
    {
        var symbols = new List<int>(piece.Length);
        var lastWasUnknown = false;
        var runes = piece.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var text = runes[i].ToString();
            var token = (i > 0 ? _prefix : "") + text + (i == runes.Count - 1 ? _suffix : "");
            if (_vocabulary.TryGetValue(token, out var id))
            {
                symbols.Add(id);
                lastWasUnknown = false;
                continue;
            }

            if (_byteFallback && ByteFallback.Ids(text, IdOf) is { } bytes)
            {
                symbols.AddRange(bytes);
                lastWasUnknown = false;
                continue;
            }

            if (_unknownId is not { } unknown)
            {
                throw new InvalidOperationException($"'{text}' is not in the vocabulary and the model has no unknown token");
            }

            if (!(_fuseUnknown && lastWasUnknown))
            {
                symbols.Add(unknown);
            }

            lastWasUnknown = true;
        }

        return symbols;
    }
}
