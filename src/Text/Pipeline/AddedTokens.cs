using System.Text.RegularExpressions;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// The tokens a <c>tokenizer.json</c> adds beside its model's vocabulary (<c>added_tokens</c>): found in the text
/// before the model sees it — those marked <c>normalized</c> in the normalized text, the others in the raw text —
/// leftmost and longest first, with <c>lstrip</c>/<c>rstrip</c> taking the white space beside them and
/// <c>single_word</c> matching only whole words.
/// </summary>
public sealed class AddedTokens
{
    private readonly Regex? _raw;
    private readonly Regex? _normalized;
    private readonly Dictionary<string, int> _ids;

    /// <summary>Builds the matcher for <paramref name="tokens"/>.</summary>
    public AddedTokens(IReadOnlyList<AddedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            _ids.TryAdd(token.Content, token.Id);
        }

        _raw = Pattern(tokens.Where(t => !t.Normalized));
        _normalized = Pattern(tokens.Where(t => t.Normalized));
    }

    /// <summary>Splits raw <paramref name="text"/> at the added tokens that are matched before normalization.</summary>
    public IEnumerable<(string? Text, int Id)> SplitRaw(string text) => Split(_raw, text);

    /// <summary>Splits normalized <paramref name="text"/> at the added tokens that are matched after normalization.</summary>
    public IEnumerable<(string? Text, int Id)> SplitNormalized(string text) => Split(_normalized, text);

    private IEnumerable<(string? Text, int Id)> Split(Regex? pattern, string text)
    {
        if (pattern is null)
        {
            yield return (text, -1);
            yield break;
        }

        var at = 0;
        foreach (Match match in pattern.Matches(text))
        {
            if (match.Index > at)
            {
                yield return (text[at..match.Index], -1);
            }

            yield return (null, _ids[match.Groups["token"].Value]);
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            yield return (text[at..], -1);
        }
    }

    private static Regex? Pattern(IEnumerable<AddedToken> tokens)
    {
        var alternatives = tokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length).Select(t =>
            (t.LeftStrip ? @"\s*" : "") + (t.SingleWord ? @"(?<!\w)" : "") + "(?<token>" + Regex.Escape(t.Content) + ")" + (t.SingleWord ? @"(?!\w)" : "") + (t.RightStrip ? @"\s*" : "")).ToList();
        return alternatives.Count == 0 ? null : new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
