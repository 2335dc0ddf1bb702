using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: one page on a server, the page's script errors collected.
/// Without Chromium a test using it skips with the reason, unless REQUIRE_BROWSER=1 (CI), where it fails.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page) => (_playwright, _browser, Page) = (playwright, browser, page);

    /// <summary>Where screenshots go.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "browser");

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Script errors and console errors the page has had.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>A browser with one page on <paramref name="server"/>.</summary>
    public static async Task<Browser> OpenAsync(Uri server)
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("REQUIRE_BROWSER") == "1", $"REQUIRE_BROWSER=1 but {Chromium} is missing (apt-get install chromium)");
            Assert.Skip($"{Chromium} is not installed (apt-get install chromium); the browser tests need it");
        }

        Directory.CreateDirectory(Screenshots);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var session = new Browser(playwright, browser, page);
        page.PageError += (_, error) => session.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add($"{message.Text} ({message.Location})");
            }
        };
        return session;
    }

    /// <summary>
    /// Saves the page as <paramref name="name"/>.png under <see cref="Screenshots"/> (the whole page with
    /// <paramref name="fullPage"/>), checks that a PNG with content was written, and names it in the test's output.
    /// </summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        var path = Path.Combine(Screenshots, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        var png = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.True(png.Length > 1000 && png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]), $"{path} is not a PNG with content");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
