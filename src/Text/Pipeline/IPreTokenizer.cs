namespace Retrieval.Text.Pipeline;

/// <summary>One step of a tokenizer's pre-tokenization (a <c>tokenizer.json</c> <c>pre_tokenizer</c>): pieces in, smaller pieces out.</summary>
public interface IPreTokenizer
{
    /// <summary>Splits (or rewrites) each of <paramref name="pieces"/>, in order.</summary>
    List<TextPiece> Split(List<TextPiece> pieces);
}
