using Microsoft.Playwright;

namespace Retrieval.Web.Tests;

/// <summary>The server in its own process wanting its key for every request, as beyond loopback.</summary>
public sealed class KeyedServerProcess : ServerProcess
{
    public const string ApiKey = "page-key-0123456789";

    public override string? Key => ApiKey;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Retrieval__Server__ApiKey"] = ApiKey,
        ["Retrieval__Server__RequireKey"] = "Always",
    };
}

/// <summary>The page on a server that wants its key: it asks for the key once, then searches with the session it got for it.</summary>
public sealed class SignInPageTests(KeyedServerProcess server) : IClassFixture<KeyedServerProcess>, IAsyncLifetime
{
    private Browser? _browser;

    private IPage Page => _browser!.Page;

    public async ValueTask InitializeAsync() => _browser = await Browser.OpenAsync(server.Address);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutASession_ThePageAsksForTheKeyOnce_ThenSearches()
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login.html$"));
        await Page.FillAsync("#key", "not the key");
        await Page.ClickAsync("#login button");
        await Assertions.Expect(Page.Locator("#message")).ToContainTextAsync("not the server's API key");

        await Page.FillAsync("#key", KeyedServerProcess.ApiKey);
        await Page.ClickAsync("#login button");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        var cookie = Assert.Single(await Page.Context.CookiesAsync(), c => c.Name == "retrieval-session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => document.cookie.length")); // the script cannot read it

        await Page.FillAsync("#q", "broccoli");
        await Page.PressAsync("#q", "Enter");
        await Assertions.Expect(Page.Locator("#results .result").First).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "7-signed-in-results.png"), FullPage = true });
        Assert.DoesNotContain(_browser!.Errors, e => !e.Contains("401", StringComparison.Ordinal));
    }
}
