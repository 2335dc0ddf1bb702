using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>The server with edited copies of one sample (half size, cropped, darker; the test set's) and a byte-identical copy beside its samples.</summary>
public sealed class DuplicatesServer : ServerProcess
{
    public const string Original = "000000107438.jpg";

    public static readonly string[] Edited = ["000000107438-half.jpg", "000000107438-crop.jpg", "000000107438-dark.jpg"];

    public const string Exact = "same-bytes.jpg";

    protected override Task<int> AddPhotosAsync(string folder)
    {
        // The original was taken a year before its edits were saved (the dark one is as large as the original).
        File.SetLastWriteTimeUtc(Path.Combine(folder, Original), DateTime.UtcNow.AddYears(-1));
        foreach (var name in Edited)
        {
            File.Copy(Path.Combine(RepositoryPaths.DuplicateSet, "images", name), Path.Combine(folder, name));
            File.SetLastWriteTimeUtc(Path.Combine(folder, name), DateTime.UtcNow);
        }

        File.Copy(Path.Combine(folder, Original), Path.Combine(folder, Exact));
        return Task.FromResult(Edited.Length); // the exact copy is recorded, not indexed
    }
}

/// <summary><c>GET /api/duplicates</c> and the page's duplicate groups, in a real browser.</summary>
public sealed class DuplicatesTests(DuplicatesServer server) : IClassFixture<DuplicatesServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApi_ListsEachCopyWithItsOriginal_KindSimilarityAndThumbnails()
    {
        using var client = server.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/duplicates", UriKind.Relative), _ct);
        var entries = body.GetProperty("duplicates").EnumerateArray().ToList();
        Assert.Equal(0.9, body.GetProperty("minSimilarity").GetDouble(), 3);
        Assert.Equal(DuplicatesServer.Edited.Length + 1, entries.Count);
        Assert.All(entries, e => Assert.EndsWith(DuplicatesServer.Original, e.GetProperty("original").GetString()!, StringComparison.Ordinal));
        var exact = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "exact");
        Assert.EndsWith(DuplicatesServer.Exact, exact.GetProperty("path").GetString()!, StringComparison.Ordinal);
        var near = entries.Where(e => e.GetProperty("kind").GetString() == "near").ToList();
        Assert.Equal(DuplicatesServer.Edited.Order(), near.Select(e => Path.GetFileName(e.GetProperty("path").GetString()!)).Order());
        Assert.All(near, e => Assert.InRange(e.GetProperty("similarity").GetDouble(), 0.9, 1.0));
        using var thumbnail = await client.GetAsync(new Uri(near[0].GetProperty("thumbnail").GetString()!, UriKind.Relative), _ct);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);

        var exactOnly = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/duplicates?near=false", UriKind.Relative), _ct);
        Assert.Single(exactOnly.GetProperty("duplicates").EnumerateArray());
    }

    [Theory]
    [InlineData("minSimilarity=high")]
    [InlineData("minSimilarity=2")]
    [InlineData("minSimilarity=NaN")]
    [InlineData("minSimilarity=-1.5")]
    public async Task AMalformedThreshold_Is400NamingIt(string query)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/duplicates?{query}", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minSimilarity", await response.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_ShowsTheOriginalBesideItsCopies()
    {
        await using var browser = await Browser.OpenAsync(server.Address);
        var page = browser.Page;
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.ClickAsync("#show-duplicates");
        var group = page.Locator("#duplicate-groups .duplicate-group");
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group.Locator("figure")).ToHaveCountAsync(DuplicatesServer.Edited.Length + 2);
        await Assertions.Expect(group.Locator("figcaption").First).ToContainTextAsync("original");
        await Assertions.Expect(group).ToContainTextAsync("exact copy");
        await Assertions.Expect(group).ToContainTextAsync("edited copy, similarity");
        await Assertions.Expect(page.Locator("#duplicates-message")).ToContainTextAsync("4 copies of 1 photo.");
        var images = group.Locator("img");
        for (var i = 0; i < await images.CountAsync(); i++)
        {
            await Assertions.Expect(images.Nth(i)).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await images.Nth(i).EvaluateAsync<bool>("img => img.naturalWidth > 0"), "a thumbnail did not load");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "duplicates.png"), FullPage = true });
        Assert.Empty(browser.Errors);
    }
}
