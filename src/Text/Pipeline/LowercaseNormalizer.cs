using System.Globalization;

namespace Retrieval.Text.Pipeline;

/// <summary>Lower-cases every character (<c>Lowercase</c>), independent of the machine's culture.</summary>
public sealed class LowercaseNormalizer : ITextNormalizer
{
    /// <summary>The one instance.</summary>
    public static LowercaseNormalizer Instance { get; } = new();

    /// <inheritdoc />
    public string Normalize(string text) => text.ToLower(CultureInfo.InvariantCulture);
}
