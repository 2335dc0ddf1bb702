using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Browse;
using Retrieval.Catalog;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// The library by time: <c>GET /api/timeline</c> (photo counts by year and month), <c>GET /api/timeline?month=YYYY-MM</c>
/// (that month's photos, newest first, paged) and <c>GET /api/timeline/on-this-day</c> (a day of the year in earlier years).
/// Each reads the search parameters: its filters, and its text, narrow the photos to those the search finds.
/// </summary>
internal static class TimelineApi
{
    private const int DefaultMonthPhotos = 50;

    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapWorkGroup("/api/timeline");
        api.MapGet("", GetAsync).WithName("Timeline")
            .WithSummary($"Photo counts by year and month, newest first, of what the search parameters (q, type=, place=, ...) find, or of the library; with month=YYYY-MM, that month's photos, newest first (offset, limit 1 to {LibraryBrowser.MaxMonthPhotos}, default {DefaultMonthPhotos})")
            .InWorkSlot();
        api.MapGet("/on-this-day", OnThisDayAsync).WithName("OnThisDay")
            .WithSummary("Photos taken on a day of the year in earlier years, by year: date=MM-DD (default today, the server's date) or YYYY-MM-DD (earlier than that year)")
            .InWorkSlot();
        return routes;
    }

    private static async Task<Results<Ok<TimelineResponse>, Ok<MonthResponse>>> GetAsync([AsParameters] SearchParameters parameters, LibraryBrowser browser,
        CancellationToken cancellationToken, string? month = null, string? limit = null)
    {
        var input = parameters.ToInput();
        if (month is null)
        {
            var counts = await browser.TimelineAsync(input, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new TimelineResponse(counts.Total, counts.Undated, [.. counts.Months.GroupBy(m => m.Year).Select(ToYear)]));
        }

        var photos = await browser.MonthAsync(input, YearMonth.Parse(month, "month"), input.Offset, SearchParameters.Count(limit, "limit") ?? DefaultMonthPhotos,
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MonthResponse(photos.Month.ToString(), photos.Total, input.Offset, [.. photos.Photos.Select(SearchApi.ToResult)]));
    }

    private static async Task<Ok<OnThisDayResponse>> OnThisDayAsync([AsParameters] SearchParameters parameters, LibraryBrowser browser, TimeProvider clock,
        CancellationToken cancellationToken, string? date = null)
    {
        var (day, year) = MonthDay.Parse(date, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), "date");
        var years = await browser.OnThisDayAsync(parameters.ToInput(), day, year, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new OnThisDayResponse(day.ToString(), [.. years.Select(y => new OnThisDayYear(y.Year, [.. y.Photos.Select(SearchApi.ToResult)]))]));
    }

    private static TimelineYear ToYear(IGrouping<int, MonthCount> months) =>
        new(months.Key, months.Sum(m => m.Count), [.. months.Select(m => new TimelineMonth(m.Month, m.Count, m.Cover))]);
}
