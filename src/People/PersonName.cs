using System.Globalization;
using System.Text;

namespace Retrieval.People;

/// <summary>
/// How a person's name is compared: case, accents and spacing aside ("Zoë  Müller" is "zoe muller"), and a name given
/// alone matches a person by their whole name or by its first word ("Anna" finds "Anna Schmidt").
/// </summary>
public static class PersonName
{
    /// <summary>The longest name accepted, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>The form names are compared in: lower case, without accents, single spaces.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (key.Length > 0 && key[^1] != ' ')
                {
                    key.Append(' ');
                }
            }
            else
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether <paramref name="asked"/> names the person called <paramref name="name"/>: the whole name, or its first word.</summary>
    public static bool Matches(string name, string asked)
    {
        var (nameKey, askedKey) = (Key(name), Key(asked));
        return askedKey.Length > 0 && (nameKey == askedKey || nameKey.StartsWith(askedKey + " ", StringComparison.Ordinal));
    }

    /// <summary>
    /// A name as it is kept: trimmed, inner spaces single; null for an empty one.
    /// </summary>
    /// <exception cref="Errors.InvalidInputException">It is longer than <see cref="MaxLength"/> or holds control characters.</exception>
    public static string? Clean(string? name)
    {
        var cleaned = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (cleaned.Length > MaxLength || cleaned.Any(char.IsControl))
        {
            throw new Errors.InvalidInputException(name ?? "", $"a person's name must be at most {MaxLength} characters without control characters");
        }

        return cleaned.Length == 0 ? null : cleaned;
    }
}
