using Retrieval.Text.Pipeline;

namespace Retrieval.Text.SentencePiece;

/// <summary>
/// SentencePiece's BPE as its library encodes (merges by score, not by a merges list): the text's characters, then
/// again and again the adjacent pair whose joined piece is in the vocabulary with the highest score (the leftmost among
/// equals) joined; a piece left outside the vocabulary becomes its bytes (byte fallback) or the unknown piece. Thread-safe.
/// </summary>
public sealed class ScoredBpeModel(IReadOnlyList<(string Piece, float Score, SentencePieceType Type)> pieces, int unknownId, bool byteFallback) : ITokenModel
{
    private readonly Dictionary<string, int> _ids = pieces
        .Select((p, id) => (p.Piece, p.Type, id))
        .Where(p => p.Type is SentencePieceType.Normal or SentencePieceType.UserDefined or SentencePieceType.Byte or SentencePieceType.Unknown)
        .GroupBy(p => p.Piece, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().id, StringComparer.Ordinal);

    /// <inheritdoc />
    public int? IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    /// <inheritdoc />
    public void Tokenize(string piece, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(ids);
        var symbols = piece.EnumerateRunes().Select(r => r.ToString()).ToList();
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestScore = float.NegativeInfinity;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (Mergeable(symbols[i] + symbols[i + 1]) is { } score && (best < 0 || score > bestScore))
                {
                    (best, bestScore) = (i, score);
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] += symbols[best + 1];
            symbols.RemoveAt(best + 1);
        }

        foreach (var symbol in symbols)
        {
            if (_ids.TryGetValue(symbol, out var id) && id != unknownId && pieces[id].Type != SentencePieceType.Byte)
            {
                ids.Add(id);
            }
            else if (byteFallback && ByteFallback.Ids(symbol, t => _ids.TryGetValue(t, out var b) ? b : null) is { } bytes)
            {
                ids.AddRange(bytes);
            }
            else
            {
                ids.Add(unknownId);
            }
        }
    }

    private float? Mergeable(string joined) =>
        _ids.TryGetValue(joined, out var id) && pieces[id].Type is SentencePieceType.Normal or SentencePieceType.UserDefined ? pieces[id].Score : null;
}
