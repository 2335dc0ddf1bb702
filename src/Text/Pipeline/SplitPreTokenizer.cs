using System.Text.RegularExpressions;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// Splits each piece at the matches of a pattern (<c>Split</c>; also <c>Whitespace</c>, <c>WhitespaceSplit</c>,
/// <c>Punctuation</c>, <c>Digits</c>, which are patterns of their own), keeping or dropping the matches by
/// <see cref="SplitBehavior"/>; <paramref name="invert"/> makes the matches the pieces and the rest the delimiters.
/// </summary>
public sealed class SplitPreTokenizer(Regex pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    /// <summary><c>Whitespace</c>: runs of word characters, and runs of other non-space characters.</summary>
    public static SplitPreTokenizer Whitespace() => new(new Regex(@"\w+|[^\w\s]+", RegexOptions.CultureInvariant), SplitBehavior.Removed, invert: true);

    /// <summary><c>WhitespaceSplit</c>: split at white space.</summary>
    public static SplitPreTokenizer WhitespaceSplit() => new(new Regex(@"\s+", RegexOptions.CultureInvariant), SplitBehavior.Removed, invert: false);

    /// <summary><c>Punctuation</c>: every punctuation character (ASCII or Unicode P*) a delimiter.</summary>
    public static SplitPreTokenizer Punctuation(SplitBehavior behavior) => new(new Regex(@"[\p{P}!-/:-@\[-`{-~]", RegexOptions.CultureInvariant), behavior, invert: false);

    /// <summary><c>Digits</c>: digits apart from the rest, one by one or in runs.</summary>
    public static SplitPreTokenizer Digits(bool individually) => new(new Regex(individually ? @"\p{N}" : @"\p{N}+", RegexOptions.CultureInvariant), SplitBehavior.Isolated, invert: false);

    /// <inheritdoc />
    public List<TextPiece> Split(List<TextPiece> pieces)
    {
        var result = new List<TextPiece>(pieces.Count * 2);
        foreach (var piece in pieces)
        {
            SplitOne(piece, result);
        }

        return result;
    }

    private void SplitOne(TextPiece piece, List<TextPiece> result)
    {
        // The piece as alternating spans: (start, length, is a delimiter).
        var spans = new List<(int Start, int Length, bool Delimiter)>();
        var at = 0;
        foreach (Match match in pattern.Matches(piece.Text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            if (match.Index > at)
            {
                spans.Add((at, match.Index - at, invert));
            }

            spans.Add((match.Index, match.Length, !invert));
            at = match.Index + match.Length;
        }

        if (at < piece.Text.Length)
        {
            spans.Add((at, piece.Text.Length - at, invert));
        }

        var output = new List<(int Start, int Length)>();
        var pendingStart = -1;
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, length, delimiter) = spans[i];
            switch (behavior)
            {
                case SplitBehavior.Removed:
                    if (!delimiter)
                    {
                        output.Add((start, length));
                    }

                    break;
                case SplitBehavior.Isolated:
                    output.Add((start, length));
                    break;
                case SplitBehavior.MergedWithPrevious:
                    if (delimiter && output.Count > 0 && output[^1].Start + output[^1].Length == start && !spans[i - 1].Delimiter)
                    {
                        output[^1] = (output[^1].Start, output[^1].Length + length);
                    }
                    else
                    {
                        output.Add((start, length));
                    }

                    break;
                case SplitBehavior.MergedWithNext:
                    if (delimiter)
                    {
                        if (pendingStart >= 0)
                        {
                            output.Add((pendingStart, start - pendingStart));
                        }

                        pendingStart = start;
                    }
                    else if (pendingStart >= 0)
                    {
                        output.Add((pendingStart, start + length - pendingStart));
                        pendingStart = -1;
                    }
                    else
                    {
                        output.Add((start, length));
                    }

                    break;
                default:
                    if (delimiter && i > 0 && spans[i - 1].Delimiter && output.Count > 0)
                    {
                        output[^1] = (output[^1].Start, output[^1].Length + length);
                    }
                    else
                    {
                        output.Add((start, length));
                    }

                    break;
            }
        }

        if (pendingStart >= 0)
        {
            output.Add((pendingStart, piece.Text.Length - pendingStart));
        }

        foreach (var (start, length) in output)
        {
            result.Add(new TextPiece(piece.Text.Substring(start, length), piece.AtStart && start == 0));
        }
    }
}
