using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Retrieval.Text;

/// <summary>
/// CLIP's pre-split pattern: the two special tokens, English contractions, runs of letters, single
/// digits, and runs of anything else but white space. White space itself never becomes a token.
/// </summary>
internal static partial class ClipPreTokenizer
{
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static PreTokenizer Create(IReadOnlyDictionary<string, int> specialTokens) =>
        new RegexPreTokenizer(Pattern(), specialTokens);
}
