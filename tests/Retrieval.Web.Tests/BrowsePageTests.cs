using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Retrieval.Web.Tests;

/// <summary>
/// The page's browse views in a real browser (<see cref="Browser"/>) over a library with known dates and positions
/// (<see cref="BrowseServer"/>): with no query the timeline, its month groups and its year scrubber; "On this day" on a day
/// photos were taken in earlier years (the browser's clock set to it); the map's dots, and a dot opening its photos; the
/// places, countries and cities with their covers, and a city opening its photos.
/// Screenshots go to TestResults/browser.
/// </summary>
[Collection(BrowseLibrary.Name)]
public sealed partial class BrowsePageTests(BrowseServer server) : IAsyncLifetime
{
    private Browser? _browser;

    private IPage Page => _browser!.Page;

    public async ValueTask InitializeAsync() => _browser = await Browser.OpenAsync(server.Address);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            Assert.Empty(_browser.Errors); // no script error in any view
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task NoQuery_ShowsTheTimelineByMonth_AndTheScrubberJumpsToAYear()
    {
        await Page.SetViewportSizeAsync(1280, 600);
        await Page.GotoAsync("/");
        var months = Page.Locator("#timeline .month h3");
        await Assertions.Expect(months).ToHaveCountAsync(5);
        await Assertions.Expect(months).ToHaveTextAsync(["July 2022 · 1 photo", "December 2021 · 1 photo", "January 2020 · 2 photos", "July 2019 · 3 photos", "March 2018 · 1 photo"]);
        await Assertions.Expect(Page.Locator("#scrubber button")).ToHaveTextAsync(["2022", "2021", "2020", "2019", "2018"]);
        await Assertions.Expect(Page.Locator("#views button[aria-pressed=true]")).ToHaveTextAsync("Timeline");
        var newest = Page.Locator(".month[data-month='2022-07'] .tile img");
        await Assertions.Expect(newest).ToHaveCountAsync(1);
        await Assertions.Expect(newest).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await newest.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the thumbnail did not load");
        var year = Page.Locator("#year-2018");
        await Assertions.Expect(year).Not.ToBeInViewportAsync();
        await _browser!.ScreenshotAsync("browse-1-timeline");

        // A year of the scrubber, by mouse and by keyboard: the page scrolls to it and its heading takes the focus.
        await Page.GetByRole(AriaRole.Button, new() { Name = "2018, 1 photo" }).ClickAsync();
        await Assertions.Expect(year).ToBeInViewportAsync();
        await Assertions.Expect(year).ToBeFocusedAsync();
        await Assertions.Expect(Page.Locator(".month[data-month='2018-03'] .tile img")).ToHaveCountAsync(1);
        await _browser.ScreenshotAsync("browse-2-timeline-2018");
        await Page.GetByRole(AriaRole.Button, new() { Name = "2022, 1 photo" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#year-2022")).ToBeFocusedAsync();
        await Assertions.Expect(year).Not.ToBeInViewportAsync();

        // A month's photo opens in the photo view; a search replaces the timeline.
        await Page.Locator(".month[data-month='2019-07'] .tile").First.ClickAsync();
        await Assertions.Expect(Page.Locator("#viewer-meta")).ToContainTextAsync("taken 2019-07-20");
        await Page.Keyboard.PressAsync("Escape");
        await Page.FillAsync("#q", "tokyo");
        await Page.PressAsync("#q", "Enter");
        await Assertions.Expect(Page.Locator("#results .result").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#timeline")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task OnThisDay_ShowsTheDaysPhotosFromEarlierYears_OnlyWhenThereAreAny()
    {
        await Page.Clock.SetFixedTimeAsync(new DateTime(2025, 7, 14, 12, 0, 0));
        await Page.GotoAsync("/");
        var strip = Page.Locator("#on-this-day");
        await Assertions.Expect(strip).ToBeVisibleAsync();
        await Assertions.Expect(strip.Locator("h3")).ToHaveTextAsync(["3 years ago · 2022", "6 years ago · 2019"]);
        var photos = strip.Locator(".tile img");
        await Assertions.Expect(photos).ToHaveCountAsync(2);
        await Assertions.Expect(photos.First).ToHaveJSPropertyAsync("complete", true);
        await _browser!.ScreenshotAsync("browse-3-on-this-day");
        await strip.Locator(".tile").First.ClickAsync();
        await Assertions.Expect(Page.Locator("#viewer-meta")).ToContainTextAsync("taken 2022-07-14");
        await Page.Keyboard.PressAsync("Escape");

        // The day after: no photo was taken on it, so no strip.
        await Page.Clock.SetFixedTimeAsync(new DateTime(2025, 7, 15, 12, 0, 0));
        await Page.RunAndWaitForResponseAsync(() => Page.ReloadAsync(), response => response.Url.Contains("/api/timeline/on-this-day?date=2025-07-15", StringComparison.Ordinal));
        await Assertions.Expect(Page.Locator("#timeline .month").First).ToBeVisibleAsync();
        await Assertions.Expect(strip).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheMap_DrawsTheBordersAndADotWherePhotosWereTaken_AndADotOpensItsPhotos()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Map", Exact = true }).ClickAsync();
        var dots = Page.Locator("#world .dot");
        await Assertions.Expect(dots).ToHaveCountAsync(5);
        Assert.True(await Page.Locator("#world-countries path").CountAsync() > 150, "the country borders were not drawn");
        await Assertions.Expect(Page.Locator("#map-message")).ToContainTextAsync("6 photos with a position, at 5 places");

        // Each dot at its place in the map's projection (x = (lon + 180) * 10, y = (90 - lat) * 10); Paris's two photos are one dot.
        var drawn = await dots.EvaluateAllAsync<double[][]>("dots => dots.map(d => [+d.getAttribute('cx'), +d.getAttribute('cy'), +d.dataset.count])");
        foreach (var (latitude, longitude, count) in new[] { (48.8595, 2.31605, 2), (51.5007, -0.1246, 1), (-33.8568, 151.2153, 1), (40.6892, -74.0445, 1), (35.6595, 139.7005, 1) })
        {
            Assert.Contains(drawn, d => Math.Abs(d[0] - ((longitude + 180) * 10)) < 0.1 && Math.Abs(d[1] - ((90 - latitude) * 10)) < 0.1 && (int)d[2] == count);
        }

        await _browser!.ScreenshotAsync("browse-4-map");

        // The Paris dot: a near: search around it finds its two photos.
        await Page.Locator("#world .dot[data-count='2']").ClickAsync();
        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync(NearParis());
        var results = Page.Locator("#results .result button.open");
        await Assertions.Expect(results).ToHaveCountAsync(2);
        Assert.Equal(["Open paris-eiffel.jpg", "Open paris-louvre.jpg"], (await results.EvaluateAllAsync<string[]>("bs => bs.map(b => b.getAttribute('aria-label'))")).Order(StringComparer.Ordinal));
        await Assertions.Expect(Page.Locator("#map")).ToBeHiddenAsync();
        await _browser.ScreenshotAsync("browse-5-map-dot-search", fullPage: true);
    }

    [Fact]
    public async Task Places_ListsCountriesAndTheirCitiesWithCovers_AndACityOpensItsPhotos()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Places", Exact = true }).ClickAsync();
        var countries = Page.Locator("#countries .card");
        await Assertions.Expect(countries).ToHaveCountAsync(5);
        // Most photos first: France (both Paris photos), then one photo each.
        await Assertions.Expect(countries.First).ToContainTextAsync("France2 photos");
        await Assertions.Expect(Page.Locator("#places-message")).ToContainTextAsync("5 countries; 10 photos without a place");
        await AssertCoversLoadedAsync(countries.Locator("img"));
        await _browser!.ScreenshotAsync("browse-6-places");

        // A country opens on its cities, each with its cover; a city searches its photos.
        await countries.First.ClickAsync();
        await Assertions.Expect(Page.Locator("#country-title")).ToHaveTextAsync("France · 2 photos");
        var cities = Page.Locator("#regions .card");
        await Assertions.Expect(cities).ToHaveCountAsync(1);
        await Assertions.Expect(cities.First).ToContainTextAsync("Paris2 photos");
        await AssertCoversLoadedAsync(cities.Locator("img"));
        await _browser.ScreenshotAsync("browse-7-country");
        await cities.First.ClickAsync();
        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync("place:\"Paris\"");
        await Assertions.Expect(Page.Locator("#results .result")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("#places")).ToBeHiddenAsync();

        // The whole country, from its page.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Places", Exact = true }).ClickAsync();
        await countries.Filter(new() { HasText = "Japan" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "All photos from Japan" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync("place:JP");
        await Assertions.Expect(Page.Locator("#results .result button.open")).ToHaveAttributeAsync("aria-label", "Open tokyo.jpg");
    }

    /// <summary>Every image of <paramref name="images"/> has loaded with pixels.</summary>
    private static async Task AssertCoversLoadedAsync(ILocator images)
    {
        foreach (var image in await images.AllAsync())
        {
            await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.EvaluateAsync<bool>("img => img.naturalWidth > 0"), $"the cover {await image.GetAttributeAsync("src")} did not load");
        }
    }

    [GeneratedRegex(@"^near:48\.859\d,2\.316\d,\d+$")]
    private static partial Regex NearParis();
}
