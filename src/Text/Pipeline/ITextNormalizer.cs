namespace Retrieval.Text.Pipeline;

/// <summary>One step of a tokenizer's normalization (a <c>tokenizer.json</c> <c>normalizer</c>).</summary>
public interface ITextNormalizer
{
    /// <summary>The normalized form of <paramref name="text"/>.</summary>
    string Normalize(string text);
}
