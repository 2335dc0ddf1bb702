namespace Retrieval.Models;

/// <summary>The tokenizer family a model's text tower was trained with, and the files it is read from.</summary>
public enum TokenizerKind
{
    /// <summary>CLIP's byte-level BPE: <c>vocab.json</c> + <c>merges.txt</c>.</summary>
    ClipBpe,

    /// <summary>BERT's WordPiece: <c>vocab.txt</c> (MiniLM, Chinese-CLIP, jina-clip, nomic and other BERT-based towers).</summary>
    WordPiece,

    /// <summary>A Hugging Face <c>tokenizer.json</c>: whatever pipeline it describes (what immich and transformers.js exports ship).</summary>
    TokenizerJson,

    /// <summary>A SentencePiece model file (<c>spiece.model</c>, <c>tokenizer.model</c>) and no <c>tokenizer.json</c>.</summary>
    SentencePiece,
}
