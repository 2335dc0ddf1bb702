using Retrieval.Browse;
using Retrieval.Errors;

namespace Retrieval.Tests.Browse;

/// <summary>The months and days a timeline is asked for: read when well formed, refused naming the parameter otherwise.</summary>
public sealed class BrowseDatesTests
{
    private static readonly DateOnly Today = new(2026, 3, 5);

    [Fact]
    public void AMonth_IsReadAndWrittenAsYearDashMonth()
    {
        Assert.Equal(new YearMonth(2019, 7), YearMonth.Parse("2019-07", "month"));
        Assert.Equal("2019-07", new YearMonth(2019, 7).ToString());
    }

    [Theory]
    [InlineData("2019-13")]
    [InlineData("2019-00")]
    [InlineData("2019-7")]
    [InlineData("July 2019")]
    [InlineData("2019-07-01")]
    [InlineData("")]
    public void ABadMonth_IsRefused_NamingTheParameter(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => YearMonth.Parse(text, "month"));
        Assert.Equal("month", error.Input);
        Assert.Contains("YYYY-MM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADay_IsThisYearsUnlessItsYearIsGiven_AndTodayWhenNone()
    {
        Assert.Equal((new MonthDay(7, 14), 2026), MonthDay.Parse("07-14", Today, "date"));
        Assert.Equal((new MonthDay(7, 14), 2024), MonthDay.Parse("2024-07-14", Today, "date"));
        Assert.Equal((new MonthDay(3, 5), 2026), MonthDay.Parse(null, Today, "date"));
        Assert.Equal((new MonthDay(3, 5), 2026), MonthDay.Parse(" ", Today, "date"));
        // February 29 is a day to look for, in a year without one too.
        Assert.Equal((new MonthDay(2, 29), 2026), MonthDay.Parse("02-29", Today, "date"));
        Assert.Equal("02-29", new MonthDay(2, 29).ToString());
    }

    [Theory]
    [InlineData("02-30")]
    [InlineData("13-01")]
    [InlineData("2023-02-29")]
    [InlineData("7-14")]
    [InlineData("today")]
    public void ABadDay_IsRefused_NamingTheParameter(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => MonthDay.Parse(text, Today, "date"));
        Assert.Equal("date", error.Input);
        Assert.Contains("MM-DD", error.Message, StringComparison.Ordinal);
    }
}
