using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>The server with a model in immich's layout (tests/replicas' immich-clip, a static batch of 1): it indexes its samples, the API searches by text and by image, the page shows results.</summary>
public sealed class ImmichModelServer : ServerProcess
{
    protected override string ModelPath => Path.Combine(RepositoryPaths.Replicas, "models", "immich-clip");
}

/// <summary>The API and the page through an immich-layout model.</summary>
public sealed class ImmichModelServerTests(ImmichModelServer server) : IClassFixture<ImmichModelServer>
{
    [Fact]
    public async Task TheApi_SearchesByTextAndByImage()
    {
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var text = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?q=a+plate+of+food&mode=vector", UriKind.Relative), ct);
        Assert.NotEmpty(text.GetProperty("results").EnumerateArray());

        using var upload = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "000000107438.jpg"), ct)), "image", "query.jpg" } };
        using var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), upload, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        // The same photo is in the index: by its own vector it comes first, whatever the weights.
        Assert.EndsWith("000000107438.jpg", JsonDocument.Parse(body).RootElement.GetProperty("results")[0].GetProperty("path").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_ShowsResults()
    {
        await using var browser = await Browser.OpenAsync(server.Address);
        await browser.Page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await browser.Page.FillAsync("#q", "a plate of food");
        await browser.Page.PressAsync("#q", "Enter");
        await Assertions.Expect(browser.Page.Locator("#results .result").First).ToBeVisibleAsync();
        Assert.Empty(browser.Errors);
    }
}
