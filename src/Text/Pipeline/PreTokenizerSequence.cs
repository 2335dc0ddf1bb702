namespace Retrieval.Text.Pipeline;

/// <summary>Pre-tokenizers applied one after the other (<c>Sequence</c>).</summary>
public sealed class PreTokenizerSequence(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    /// <inheritdoc />
    public List<TextPiece> Split(List<TextPiece> pieces)
    {
        foreach (var step in steps)
        {
            pieces = step.Split(pieces);
        }

        return pieces;
    }
}
