using System.Text.RegularExpressions;

namespace Retrieval.Text.Pipeline;

/// <summary>Replaces every match of a literal string or a regular expression (<c>Replace</c>).</summary>
public sealed class ReplaceNormalizer(Regex pattern, string content) : ITextNormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => pattern.Replace(text, content.Replace("$", "$$", StringComparison.Ordinal));
}
