namespace Retrieval.Text.Pipeline;

/// <summary>
/// BERT's <c>WordPiece</c> model: the longest vocabulary entry from the left, then the longest continuation (with the
/// "##" prefix) and so on; a word that cannot be spelled so, or longer than the limit, is the unknown token. Thread-safe.
/// </summary>
public sealed class WordPieceModel(Dictionary<string, int> vocabulary, string unknownToken, string continuingSubwordPrefix, int maxInputCharsPerWord) : ITokenModel
{
    private readonly int _unknownId = vocabulary.TryGetValue(unknownToken, out var id) ? id
        : throw new FormatException($"the unknown token '{unknownToken}' is not in the vocabulary");

    /// <inheritdoc />
    public int? IdOf(string token) => vocabulary.TryGetValue(token, out var found) ? found : null;

    /// <inheritdoc />
    public void Tokenize(string piece, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(ids);
        if (piece.EnumerateRunes().Count() > maxInputCharsPerWord)
        {
            ids.Add(_unknownId);
            return;
        }

        var found = new List<int>();
        for (var start = 0; start < piece.Length;)
        {
            var end = piece.Length;
            int? match = null;
            while (end > start)
            {
                var candidate = (start > 0 ? continuingSubwordPrefix : "") + piece[start..end];
                if (vocabulary.TryGetValue(candidate, out var candidateId))
                {
                    match = candidateId;
                    break;
                }

                end -= end - 1 > start && char.IsLowSurrogate(piece[end - 1]) ? 2 : 1;
            }

            if (match is not { } matched)
            {
                ids.Add(_unknownId);
                return;
            }

            found.Add(matched);
            start = end;
        }

        ids.AddRange(found);
    }
}
