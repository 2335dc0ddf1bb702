namespace Retrieval.Text;

/// <summary>
/// Turns text into the ids a model's text tower was trained on: its special tokens included, cut to the
/// model's context. CLIP's byte-level BPE and BERT's WordPiece are the two families in use.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>The most ids one text yields, special tokens included.</summary>
    int ContextLength { get; }

    /// <summary>The id a batch is padded with (masked out by the attention mask).</summary>
    int PaddingId { get; }

    /// <summary>The ids of <paramref name="text"/>, at most <see cref="ContextLength"/>, the closing special token always kept.</summary>
    int[] Encode(string text);
}
