namespace Retrieval.Text.Pipeline;

/// <summary>Trims white space from the left, the right or both ends (<c>Strip</c>).</summary>
public sealed class StripNormalizer(bool left, bool right) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => (left, right) switch
    {
        (true, true) => text.Trim(),
        (true, false) => text.TrimStart(),
        (false, true) => text.TrimEnd(),
        _ => text,
    };
}
