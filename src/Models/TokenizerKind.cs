namespace Retrieval.Models;

/// <summary>The tokenizer family a model's text tower was trained with.</summary>
public enum TokenizerKind
{
    /// <summary>CLIP's byte-level BPE: <c>vocab.json</c> + <c>merges.txt</c>.</summary>
    ClipBpe,

    /// <summary>BERT's WordPiece: <c>vocab.txt</c> (MiniLM, Chinese-CLIP, jina-clip, nomic and other BERT-based towers).</summary>
    WordPiece,
}
