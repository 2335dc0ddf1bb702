using System.Collections.Concurrent;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// SentencePiece's unigram model as Hugging Face's <c>Unigram</c> runs it: the segmentation of a piece whose pieces'
/// log-probabilities sum highest (Viterbi; among equals, the one whose tokens start earliest), a character no piece
/// covers scored as unknown (the lowest score less 10) and consecutive unknowns fused; with byte fallback an unknown
/// becomes its UTF-8 bytes as <c>&lt;0xXX&gt;</c> tokens. Thread-safe.
/// </summary>
public sealed class UnigramModel : ITokenModel
{
    private const double UnknownPenalty = 10.0;
    private const int CacheLimit = 50_000;

    private readonly Dictionary<string, (int Id, double Score)> _pieces;
    private readonly Dictionary<string, int> _all;
    private readonly int _longest;
    private readonly int _unknownId;
    private readonly double _unknownScore;
    private readonly bool _byteFallback;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the model from its pieces and scores (in id order) and the unknown piece's id; <paramref name="matchable"/>
    /// says which ids text can be segmented into (SentencePiece keeps control and byte pieces out; Hugging Face does not).
    /// </summary>
    public UnigramModel(IReadOnlyList<(string Piece, double Score)> vocabulary, int unknownId, bool byteFallback, Func<int, bool>? matchable = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfNegative(unknownId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unknownId, vocabulary.Count);
        _pieces = new Dictionary<string, (int, double)>(vocabulary.Count, StringComparer.Ordinal);
        _all = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Count; id++)
        {
            _all.TryAdd(vocabulary[id].Piece, id);
            if (matchable?.Invoke(id) ?? true)
            {
                _pieces.TryAdd(vocabulary[id].Piece, (id, vocabulary[id].Score));
                _longest = Math.Max(_longest, vocabulary[id].Piece.Length);
            }
        }

        _unknownId = unknownId;
        _unknownScore = vocabulary.Min(v => v.Score) - UnknownPenalty;
        _byteFallback = byteFallback;
    }

    /// <inheritdoc />
    public int? IdOf(string token) => _all.TryGetValue(token, out var id) ? id : null;

    /// <inheritdoc />
    public void Tokenize(string piece, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(ids);
        if (!_cache.TryGetValue(piece, out var result))
        {
            result = Segment(piece);
            if (_cache.Count < CacheLimit)
            {
                _cache.TryAdd(piece, result);
            }
        }

        ids.AddRange(result);
    }

    private int[] Segment(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        // best[i]: the best path over text[..i]: its score, where its last token starts, and that token's id.
        var best = new (double Score, int Start, int Id)[text.Length + 1];
        for (var i = 1; i <= text.Length; i++)
        {
            best[i] = (double.NegativeInfinity, -1, -1);
        }

        for (var start = 0; start < text.Length; start = Next(text, start))
        {
            var single = Next(text, start) - start;
            var covered = false;
            for (var length = 1; length <= _longest && start + length <= text.Length; length++)
            {
                if (!_pieces.TryGetValue(text.Substring(start, length), out var piece))
                {
                    continue;
                }

                Consider(best, start, start + length, piece.Id, best[start].Score + piece.Score);
                covered |= length == single;
            }

            if (!covered)
            {
                Consider(best, start, start + single, _unknownId, best[start].Score + _unknownScore);
            }
        }

        return Backtrack(text, best);
    }

    private static void Consider((double Score, int Start, int Id)[] best, int start, int end, int id, double score)
    {
        if (best[end].Start < 0 || score > best[end].Score)
        {
            best[end] = (score, start, id);
        }
    }

    private int[] Backtrack(string text, (double Score, int Start, int Id)[] best)
    {
        var tokens = new List<(int Start, int End, int Id)>();
        for (var end = text.Length; end > 0; end = best[end].Start)
        {
            var (_, start, id) = best[end];
            // Consecutive unknown characters are one unknown token.
            if (id == _unknownId && tokens.Count > 0 && tokens[^1].Id == _unknownId)
            {
                tokens[^1] = (start, tokens[^1].End, id);
            }
            else
            {
                tokens.Add((start, end, id));
            }
        }

        tokens.Reverse();
        var ids = new List<int>(tokens.Count);
        foreach (var (start, end, id) in tokens)
        {
            if (id == _unknownId && _byteFallback && ByteFallback.Ids(text[start..end], IdOf) is { } bytes)
            {
                ids.AddRange(bytes);
            }
            else
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    private static int Next(string text, int index) => char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? index + 2 : index + 1;
}
