using System.Globalization;
using Retrieval.Errors;

namespace Retrieval.Browse;

/// <summary>A month of a year ("2019-07"): one group of the timeline.</summary>
public readonly record struct YearMonth(int Year, int Month)
{
    /// <summary>The month <paramref name="text"/> names, written <c>YYYY-MM</c>.</summary>
    /// <exception cref="InvalidInputException">It is not such a month; the error names <paramref name="parameter"/>.</exception>
    public static YearMonth Parse(string? text, string parameter) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? new YearMonth(first.Year, first.Month)
            : throw new InvalidInputException(parameter, $"{parameter} must be a year and month written YYYY-MM (2019-07), not '{text}'");

    /// <summary>The month as <c>YYYY-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
