using Microsoft.Playwright;

namespace Retrieval.Web.Tests;

/// <summary>
/// The People view in a real browser over a server with an API key, not signed in: on loopback it reads, and a name
/// typed there is not saved — the page stays where it is and says to sign in, rather than leaving for the prompt.
/// </summary>
public sealed class PeoplePageSignInTests(KeyedPeopleServer server) : IClassFixture<KeyedPeopleServer>, IAsyncLifetime
{
    private Browser? _browser;

    public async ValueTask InitializeAsync() => _browser = await Browser.OpenAsync(server.Address);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            // The refused write is the one resource that may fail (Chromium logs a 401); no script error.
            Assert.All(_browser.Errors, error => Assert.Contains("401", error, StringComparison.Ordinal));
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task ANameTypedWithoutSigningIn_IsNotSaved_AndThePageSaysToSignIn()
    {
        var page = _browser!.Page;
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "People", Exact = true }).ClickAsync();
        var card = page.Locator("#people-list .person").First;
        await card.Locator(".name").ClickAsync();
        await card.Locator(".name-edit").FillAsync("Anna");
        await card.Locator(".name-edit").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#people-message")).ToContainTextAsync("sign in at /login.html");
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(card.Locator(".name")).ToHaveTextAsync("Add a name");
        await _browser.ScreenshotAsync("people-sign-in");
    }
}
