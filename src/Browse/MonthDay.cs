using System.Globalization;
using Retrieval.Errors;

namespace Retrieval.Browse;

/// <summary>A day of the year without its year ("07-14"): what "on this day" looks for in every earlier year. February 29 is one.</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    /// <summary>
    /// The day <paramref name="text"/> names and the year it is "this year" of: <c>MM-DD</c> in <paramref name="today"/>'s year,
    /// or <c>YYYY-MM-DD</c> (a browser's own date); none given, <paramref name="today"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">It is no such day (02-30, 13-01); the error names <paramref name="parameter"/>.</exception>
    public static (MonthDay Day, int Year) Parse(string? text, DateOnly today, string parameter)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (new MonthDay(today.Month, today.Day), today.Year);
        }

        // MM-DD is read in a leap year, so that February 29 is a day to look for.
        return DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (new MonthDay(date.Month, date.Day), date.Year)
            : DateOnly.TryParseExact("2000-" + trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? (new MonthDay(day.Month, day.Day), today.Year)
            : throw new InvalidInputException(parameter, $"{parameter} must be a day of the year written MM-DD (07-14) or a date YYYY-MM-DD, not '{text}'");
    }

    /// <summary>The day as <c>MM-DD</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month:00}-{Day:00}");
}
