using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>The server with a sign photo and a Chinese screenshot of the OCR test set beside its samples.</summary>
public sealed class TextPhotosServer : ServerProcess
{
    public const string Sign = "sign-00-ristorante.jpg", Chat = "chinese-00-light.png";

    protected override Task<int> AddPhotosAsync(string folder)
    {
        foreach (var name in (string[])[Sign, Chat])
        {
            File.Copy(Path.Combine(RepositoryPaths.OcrSet, "images", name), Path.Combine(folder, name));
        }

        return Task.FromResult(2);
    }
}

/// <summary>Text read in photos, through the API and the page: found by its words, the line quoted as why, the boxes on the photo.</summary>
public sealed class TextInPhotosTests(TextPhotosServer server) : IClassFixture<TextPhotosServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ristorante", "keyword", TextPhotosServer.Sign, "Ristorante")]
    [InlineData("火锅", "keyword", TextPhotosServer.Chat, "火锅")]
    // The default mode: the words in the photo outweigh what the model makes of a word it does not know.
    [InlineData("ristorante", "hybrid", TextPhotosServer.Sign, "Ristorante")]
    [InlineData("火锅", "hybrid", TextPhotosServer.Chat, "火锅")]
    public async Task AWordInAPhoto_FindsIt_AndWhySaysTextInPhoto_QuotingTheLine(string query, string mode, string file, string quoted)
    {
        using var client = server.CreateClient();
        var results = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/search?q={Uri.EscapeDataString(query)}&mode={mode}", UriKind.Relative), _ct);
        var first = results.GetProperty("results")[0];
        Assert.EndsWith(file, first.GetProperty("path").GetString()!, StringComparison.Ordinal);
        var why = first.GetProperty("why").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "text in photo");
        Assert.Contains(quoted, why.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{first.GetProperty("id").GetInt64()}", UriKind.Relative), _ct);
        var line = photo.GetProperty("text").EnumerateArray().First(l => l.GetProperty("text").GetString()!.Contains(quoted, StringComparison.Ordinal));
        Assert.Equal(4, line.GetProperty("box").GetArrayLength());
        Assert.InRange(line.GetProperty("confidence").GetDouble(), 0.5, 1);
        Assert.All(line.GetProperty("box").EnumerateArray(), corner => Assert.InRange(corner[0].GetDouble(), 0, photo.GetProperty("width").GetInt32()));
    }

    [Fact]
    public async Task ThePhotoView_ShowsTheText_AndOutlinesItsBoxes()
    {
        await using var browser = await Browser.OpenAsync(server.Address);
        var page = browser.Page;
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.FillAsync("#q", "ristorante");
        await page.PressAsync("#q", "Enter");
        var first = page.Locator("#results .result").First;
        await Assertions.Expect(first.Locator(".why")).ToContainTextAsync("text in photo");
        await first.Locator("button.open").ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-text")).ToContainTextAsync("Ristorante");
        Assert.True(await page.Locator("#viewer-boxes polygon").CountAsync() >= 1, "no box outlined");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "5-text-in-photo.png") });
        Assert.Empty(browser.Errors);
    }
}
