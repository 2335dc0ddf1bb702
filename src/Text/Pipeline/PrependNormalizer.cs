namespace Retrieval.Text.Pipeline;

/// <summary>Puts a string before any non-empty text (<c>Prepend</c>, SentencePiece's "▁").</summary>
public sealed class PrependNormalizer(string prefix) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}
