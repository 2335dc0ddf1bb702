namespace Retrieval.Text.Pipeline;

/// <summary>
/// SentencePiece's space handling (<c>Metaspace</c>): spaces become <paramref name="replacement"/> ("▁"), one is put
/// before a piece by the prepend scheme (<c>always</c>, <c>first</c>: only at the start of the text, <c>never</c>), and
/// with <paramref name="split"/> each "▁" starts a new piece.
/// </summary>
public sealed class MetaspacePreTokenizer(char replacement, string prependScheme, bool split) : IPreTokenizer
{
    /// <inheritdoc />
    public List<TextPiece> Split(List<TextPiece> pieces)
    {
        var result = new List<TextPiece>(pieces.Count * 2);
        var marker = replacement.ToString();
        foreach (var piece in pieces)
        {
            var text = piece.Text.Replace(" ", marker, StringComparison.Ordinal);
            var prepend = prependScheme switch
            {
                "always" => true,
                "first" => piece.AtStart,
                _ => false,
            };
            if (prepend && !text.StartsWith(replacement))
            {
                text = marker + text;
            }

            if (!split)
            {
                result.Add(piece with { Text = text });
                continue;
            }

            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == replacement)
                {
                    if (i > start)
                    {
                        result.Add(new TextPiece(text[start..i], piece.AtStart && start == 0));
                    }

                    start = i;
                }
            }
        }

        return result;
    }
}
