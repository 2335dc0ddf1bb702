namespace Retrieval.Text.Pipeline;

/// <summary>Normalizers applied one after the other (<c>Sequence</c>).</summary>
public sealed class NormalizerSequence(IReadOnlyList<ITextNormalizer> steps) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text)
    {
        foreach (var step in steps)
        {
            text = step.Normalize(text);
        }

        return text;
    }
}
