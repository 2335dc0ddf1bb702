using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>
/// <c>GET /api/timeline</c> (counts by year and month; a month's photos), <c>/api/timeline/on-this-day</c> and
/// <c>/api/map</c> over HTTP, on a library of photos with known dates and positions (<see cref="BrowseServer"/>): the
/// counts and covers, paging, every filter and a query applied, and the refusals.
/// </summary>
[Collection(BrowseLibrary.Name)]
public sealed class TimelineApiTests(BrowseServer server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeline_CountsEachMonthNewestFirst_WithItsNewestPhotoAsCover()
    {
        using var client = server.CreateClient();
        var ids = await IdsByNameAsync(client);
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/timeline", _ct);
        Assert.Equal(BrowseServer.PhotoCount, timeline.GetProperty("total").GetInt64());
        Assert.Equal(TestServer.Photos.Length, timeline.GetProperty("undated").GetInt64());
        Assert.Equal(["2022: 07×1", "2021: 12×1", "2020: 01×2", "2019: 07×3", "2018: 03×1"], Months(timeline));
        var july2019 = timeline.GetProperty("years")[3].GetProperty("months")[0];
        Assert.Equal(ids["paris-louvre.jpg"], july2019.GetProperty("cover").GetInt64()); // the 20th, the month's newest
        Assert.Equal(3, timeline.GetProperty("years")[3].GetProperty("count").GetInt64());
    }

    [Theory]
    [InlineData("place=France", new[] { "2019: 07×2" }, 0)]
    [InlineData("after=2020-01-01", new[] { "2022: 07×1", "2021: 12×1", "2020: 01×2" }, 0)]
    [InlineData("folder=home", new[] { "2020: 01×2" }, 0)]
    [InlineData("q=camera%3Acanon%20before%3A2019-12-31", new[] { "2019: 07×3", "2018: 03×1" }, 0)]
    [InlineData("near=48.86,2.32,10", new[] { "2019: 07×2" }, 0)]
    [InlineData("q=tokyo&mode=keyword", new[] { "2018: 03×1" }, 0)]
    [InlineData("type=video", new string[0], 0)]
    public async Task Timeline_AppliesEveryFilterAndAQuery(string query, string[] months, long undated)
    {
        using var client = server.CreateClient();
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/timeline?{query}", _ct);
        Assert.Equal(months, Months(timeline));
        Assert.Equal(undated, timeline.GetProperty("undated").GetInt64());
    }

    [Fact]
    public async Task AMonth_IsListedNewestFirst_InPages_AsSearchResults()
    {
        using var client = server.CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/timeline?month=2019-07&limit=2", _ct);
        Assert.Equal("2019-07", first.GetProperty("month").GetString());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal(["paris-louvre.jpg", "paris-eiffel.jpg"], Names(first));
        var result = first.GetProperty("results")[0];
        foreach (var field in (string[])["id", "path", "takenAt", "thumbnailUrl", "width", "height", "kind", "why"])
        {
            Assert.True(result.TryGetProperty(field, out _), $"no '{field}' in {result}");
        }

        Assert.StartsWith("2019-07-20T18:00:00", result.GetProperty("takenAt").GetString(), StringComparison.Ordinal);
        var next = await client.GetFromJsonAsync<JsonElement>("/api/timeline?month=2019-07&limit=2&offset=2", _ct);
        Assert.Equal(["london.jpg"], Names(next));
        Assert.Equal(2, next.GetProperty("offset").GetInt32());
        Assert.Equal(["paris-eiffel.jpg"], Names(await client.GetFromJsonAsync<JsonElement>("/api/timeline?month=2019-07&place=paris&before=2019-07-15", _ct)));
        Assert.Empty(Names(await client.GetFromJsonAsync<JsonElement>("/api/timeline?month=2017-07", _ct)));
    }

    [Fact]
    public async Task OnThisDay_GivesThatDayInEarlierYears_ByYear()
    {
        using var client = server.CreateClient();
        var day = await client.GetFromJsonAsync<JsonElement>("/api/timeline/on-this-day?date=07-14", _ct);
        Assert.Equal("07-14", day.GetProperty("date").GetString());
        Assert.Equal(["2022: sydney.jpg", "2019: paris-eiffel.jpg"], Years(day));
        // A full date: the years before its own.
        Assert.Equal(["2019: paris-eiffel.jpg"], Years(await client.GetFromJsonAsync<JsonElement>("/api/timeline/on-this-day?date=2022-07-14", _ct)));
        Assert.Empty(Years(await client.GetFromJsonAsync<JsonElement>("/api/timeline/on-this-day?date=07-15", _ct)));
        Assert.Equal(["2019: paris-eiffel.jpg"], Years(await client.GetFromJsonAsync<JsonElement>("/api/timeline/on-this-day?date=07-14&place=France", _ct)));
        // No date: today, the server's; the answer says which day it read.
        var today = await client.GetFromJsonAsync<JsonElement>("/api/timeline/on-this-day", _ct);
        Assert.Equal(DateTime.Now.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Map_PutsAPointWherePhotosWereTaken_NotAtZeroZero()
    {
        using var client = server.CreateClient();
        var ids = await IdsByNameAsync(client);
        var map = await client.GetFromJsonAsync<JsonElement>("/api/map", _ct);
        var points = map.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(5, points.Count); // Paris (two photos), London, Sydney, New York, Tokyo
        Assert.Equal(6, points.Sum(p => p.GetProperty("count").GetInt64()));
        Assert.DoesNotContain(points, p => Math.Abs(p.GetProperty("latitude").GetDouble()) < 1 && Math.Abs(p.GetProperty("longitude").GetDouble()) < 1);
        var paris = Assert.Single(points, p => p.GetProperty("count").GetInt64() == 2);
        Assert.Equal((48.8595, 2.31605), (Math.Round(paris.GetProperty("latitude").GetDouble(), 5), Math.Round(paris.GetProperty("longitude").GetDouble(), 5)));
        Assert.Equal(ids["paris-louvre.jpg"], paris.GetProperty("cover").GetInt64());
        Assert.Equal(0.25, map.GetProperty("cellDegrees").GetDouble());

        var australia = (await client.GetFromJsonAsync<JsonElement>("/api/map?place=Australia", _ct)).GetProperty("points");
        Assert.Equal(ids["sydney.jpg"], Assert.Single(australia.EnumerateArray()).GetProperty("cover").GetInt64());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/map?folder=home", _ct)).GetProperty("points").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/timeline?month=2019-13", "month must be")]
    [InlineData("/api/timeline?month=july", "month must be")]
    [InlineData("/api/timeline?month=2019-07&limit=-1", "limit must be")]
    [InlineData("/api/timeline?month=2019-07&limit=201", "limit must be")]
    [InlineData("/api/timeline?month=2019-07&limit=many", "limit must be")]
    [InlineData("/api/timeline?month=2019-07&offset=-1", "offset must be")]
    [InlineData("/api/timeline?after=2020-13-01", "is not a date")]
    [InlineData("/api/timeline?q=near%3A95,0", "near:95,0")]
    [InlineData("/api/timeline/on-this-day?date=02-30", "date must be")]
    [InlineData("/api/timeline/on-this-day?date=2023-02-29", "date must be")]
    [InlineData("/api/map?type=pictures", "type")]
    public async Task BadParameters_Are400NamingThem(string url, string message)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, message);
    }

    /// <summary>Every photo's id by file name (the library listed by a filter that allows them all).</summary>
    private async Task<Dictionary<string, long>> IdsByNameAsync(HttpClient client)
    {
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/search?type=photo&k=200", _ct);
        return listed.GetProperty("results").EnumerateArray().ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!), r => r.GetProperty("id").GetInt64());
    }

    /// <summary>Each year's months as "2019: 07×3, 05×1".</summary>
    private static List<string> Months(JsonElement timeline) =>
        [.. timeline.GetProperty("years").EnumerateArray().Select(y => $"{y.GetProperty("year").GetInt32()}: " + string.Join(", ",
            y.GetProperty("months").EnumerateArray().Select(m => $"{m.GetProperty("month").GetInt32():00}×{m.GetProperty("count").GetInt64()}")))];

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!))];

    /// <summary>Each earlier year's photos as "2019: a.jpg, b.jpg".</summary>
    private static List<string> Years(JsonElement day) =>
        [.. day.GetProperty("years").EnumerateArray().Select(y => $"{y.GetProperty("year").GetInt32()}: " + string.Join(", ",
            y.GetProperty("photos").EnumerateArray().Select(p => Path.GetFileName(p.GetProperty("path").GetString()!))))];
}
