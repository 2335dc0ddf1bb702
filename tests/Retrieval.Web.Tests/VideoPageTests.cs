using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>The server with a clip of four scenes beside the samples.</summary>
public sealed class VideoServer : ServerProcess
{
    protected override Task<int> AddPhotosAsync(string folder)
    {
        VideoSet.RequireFfmpeg();
        File.Copy(Path.Combine(VideoSet.Files, "scenes-h264.mp4"), Path.Combine(folder, "scenes-h264.mp4"));
        return Task.FromResult(1);
    }
}

/// <summary>A video in the page, in a real browser: its result shows the matched frame and moment, and it plays from there.</summary>
public sealed class VideoPageTests(VideoServer server) : IClassFixture<VideoServer>, IAsyncLifetime
{
    private Browser? _browser;

    private IPage Page => _browser!.Page;

    public async ValueTask InitializeAsync()
    {
        _browser = await Browser.OpenAsync(server.Address);
        await Page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task AVideoResult_ShowsItsMoment_AndPlaysFromIt()
    {
        await Page.FillAsync("#q", "pitch baseball game");
        await Page.PressAsync("#q", "Enter");
        var first = Page.Locator("#results .result").First;
        // The baseball scene runs from 0:06 to 0:12 of the 0:24 clip.
        await Assertions.Expect(first.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^▶ 0:(0[6-9]|1[01]) / 0:24$"));
        var thumbnail = first.Locator("img");
        // A frame's thumbnail is decoded by FFmpeg on first asking: on a loaded 2-core machine that takes longer than Playwright's default 5 s.
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("complete", true, new() { Timeout = 30_000 });
        Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.naturalWidth > 0 && img.src.includes('at=')"), "the matched frame did not load");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "video-1-result.png"), FullPage = true });

        await first.Locator("button.open").ClickAsync();
        var video = Page.Locator("#viewer-video");
        await Assertions.Expect(video).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#viewer-image")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#viewer-boxes")).ToBeHiddenAsync(); // the text boxes belong to other frames
        // It seeks to the moment (range requests) and plays from there.
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('#viewer-video'); return v.readyState >= 2 && v.currentTime >= 6 && v.currentTime < 13; }");
        Assert.False(await video.EvaluateAsync<bool>("v => v.error !== null"), "the browser could not play the clip");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "video-2-playing.png") });
        await Page.Keyboard.PressAsync("Escape");
        Assert.True(await video.EvaluateAsync<bool>("v => v.paused"), "closing the view left the clip playing");
    }
}
