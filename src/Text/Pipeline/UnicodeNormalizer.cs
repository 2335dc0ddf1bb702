using System.Text;

namespace Retrieval.Text.Pipeline;

/// <summary>A Unicode normalization form (<c>NFC</c>, <c>NFD</c>, <c>NFKC</c>, <c>NFKD</c>).</summary>
public sealed class UnicodeNormalizer(NormalizationForm form) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => text.IsNormalized(form) ? text : text.Normalize(form);
}
