using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The search page in a real browser (<see cref="Browser"/>) against the server in its own process: a query, a photo,
/// an image search, a filter. Screenshots go to TestResults/browser.
/// </summary>
public sealed class SearchPageTests(ServerProcess server) : IClassFixture<ServerProcess>, IAsyncLifetime
{
    private static readonly string Screenshots = Browser.Screenshots;
    private Browser? _browser;

    private IPage Page => _browser!.Page;

    public async ValueTask InitializeAsync()
    {
        _browser = await Browser.OpenAsync(server.Address);
        await Page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Empty(_browser.Errors); // the module, styles and icon load under the Content-Security-Policy
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task TypeAQuery_SeeResults_OpenAPhoto()
    {
        await Page.FillAsync("#q", "broccoli");
        await Page.PressAsync("#q", "Enter");
        var cards = Page.Locator("#results .result");
        await Assertions.Expect(cards.First).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#message")).ToContainTextAsync("match");
        await Assertions.Expect(Page.Locator("#more")).ToBeHiddenAsync(); // every match is on the page
        await Assertions.Expect(cards.First.Locator(".why")).ToContainTextAsync("words: broccoli");
        var thumbnail = cards.First.Locator("img");
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the thumbnail did not load");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "1-query-results.png"), FullPage = true });

        await cards.First.Locator("button.open").ClickAsync();
        var viewer = Page.Locator("#viewer");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#viewer-captions li")).ToHaveCountAsync(5);
        await Assertions.Expect(Page.Locator("#viewer-matches li").First).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "2-photo-view.png") });
        await Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SearchByAnUploadedImage_FindsThatPhotoFirst()
    {
        await Page.SetInputFilesAsync("#file", Path.Combine(RepositoryPaths.Samples, "000000107438.jpg"));
        var first = Page.Locator("#results .result").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator(".score")).ToHaveTextAsync("relevance 100 %");
        await Assertions.Expect(Page.Locator("#drop-preview")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "3-image-search.png"), FullPage = true });

        // "Similar" on a result searches by that photo.
        await first.Locator(".actions button").ClickAsync();
        await Assertions.Expect(Page.Locator("#message")).ToContainTextAsync("similar photos");
    }

    [Fact]
    public async Task AFolderFilter_NarrowsTheResults()
    {
        await Page.FillAsync("#q", "food on a table");
        await Page.PressAsync("#q", "Enter");
        await Assertions.Expect(Page.Locator("#results .result").First).ToBeVisibleAsync();

        await Page.ClickAsync("#filters summary");
        await Page.FillAsync("#folder", "no-such-folder");
        await Page.ClickAsync("button[type=submit]");
        await Assertions.Expect(Page.Locator("#message")).ToContainTextAsync("No photos match");
        await Assertions.Expect(Page.Locator("#results .result")).ToHaveCountAsync(0);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "4-filter-empty.png") });

        await Page.FillAsync("#folder", Path.GetFileName(server.PhotoFolder));
        await Page.ClickAsync("button[type=submit]");
        await Assertions.Expect(Page.Locator("#results .result").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BadInput_ShowsTheServersMessage()
    {
        await Page.FillAsync("#q", "after:2020-13-01 dogs");
        await Page.PressAsync("#q", "Enter");
        await Assertions.Expect(Page.Locator("#message.error")).ToContainTextAsync("is not a date");
    }
}
