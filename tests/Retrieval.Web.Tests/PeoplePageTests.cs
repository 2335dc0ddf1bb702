using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Retrieval.Web.Tests;

/// <summary>
/// The page's People view in a real browser (<see cref="Browser"/>) over the people library (<see cref="PeopleServer"/>, no key:
/// on loopback the page's writes need none): faces with names and counts, a name given in place, two people merged, two
/// people searched together from the search box, and the photo view outlining faces with their names. Expectations come
/// from the API (who is in which file). Screenshots go to TestResults/browser.
/// </summary>
public sealed class PeoplePageTests(PeopleServer server) : IClassFixture<PeopleServer>, IAsyncLifetime
{
    private const string Anna = "anna-2.jpg";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
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
    public async Task PeopleNamedInPlace_AreSearchedTogether_AndOutlinedInThePhoto()
    {
        using var client = server.CreateClient();
        var (anna, ben) = await PeopleServer.PairAsync(client, Anna);
        await OpenPeopleAsync(client);
        await _browser!.ScreenshotAsync("people-1-grid");

        await Assertions.Expect(Page.Locator($"[data-person='{anna}'] .name")).ToHaveTextAsync("Add a name"); // not named yet
        await NameAsync(anna, "Anna");
        await NameAsync(ben, "Ben");
        await Assertions.Expect(Page.Locator("#people-message")).ToHaveTextAsync("Named Ben.");
        await _browser.ScreenshotAsync("people-2-named");

        // Both in the search box: the photos they are in together, each saying who is in it.
        var together = (await PeopleServer.FilesOfAsync(client, anna)).Intersect(await PeopleServer.FilesOfAsync(client, ben)).ToList();
        Assert.Equal([Testing.PeopleSet.Pair], together);
        await Page.FillAsync("#q", "person:\"Anna\" person:\"Ben\"");
        await Page.PressAsync("#q", "Enter");
        var results = Page.Locator("#results .result");
        await Assertions.Expect(results).ToHaveCountAsync(together.Count);
        await Assertions.Expect(results.Locator(".people")).ToHaveTextAsync([.. together.Select(_ => "With Anna, Ben")]);
        await _browser.ScreenshotAsync("people-3-search");

        // The photo view outlines both faces with their names, over the image.
        await results.First.Locator(".open").ClickAsync();
        var faces = Page.Locator("#viewer-boxes .face");
        await Assertions.Expect(faces).ToHaveCountAsync(2);
        await Assertions.Expect(faces.Locator("text")).ToContainTextAsync(["Anna", "Ben"], new() { UseInnerText = false });
        await Assertions.Expect(Page.Locator("#viewer-people")).ToHaveTextAsync("With Anna, Ben");
        var image = await Page.Locator("#viewer-image").BoundingBoxAsync();
        foreach (var face in await faces.Locator("rect").AllAsync())
        {
            var box = await face.BoundingBoxAsync();
            Assert.True(box is not null && image is not null && box.Width > 10 && box.X >= image.X - 1 && box.X + box.Width <= image.X + image.Width + 1,
                $"a face's outline {box?.X},{box?.Width} lies outside the image {image?.X},{image?.Width}");
        }

        await _browser.ScreenshotAsync("people-4-photo-faces");
    }

    [Fact]
    public async Task MergeInto_JoinsTwoPeople_AndAFaceOpensTheirPhotos()
    {
        using var client = server.CreateClient();
        // Two people the other test does not name, so the order the tests run in does not matter.
        var kept = await PeopleServer.PersonInAsync(client, "ben-0.jpg");
        var merged = await PeopleServer.PersonInAsync(client, "dev-0.jpg");
        var files = (await PeopleServer.FilesOfAsync(client, kept)).Union(await PeopleServer.FilesOfAsync(client, merged)).ToList();
        var count = await OpenPeopleAsync(client);

        await Page.Locator($"[data-person='{merged}'] .merge").ClickAsync();
        await Assertions.Expect(Page.Locator("#people-message")).ToContainTextAsync("Choose the person to merge");
        await Assertions.Expect(Page.Locator("#people-cancel")).ToBeVisibleAsync();
        await _browser!.ScreenshotAsync("people-5-merging");
        await Page.Locator($"[data-person='{kept}'] .open").ClickAsync();
        await Assertions.Expect(Page.Locator("#people-list .person")).ToHaveCountAsync(count - 1);
        await Assertions.Expect(Page.Locator("#people-message")).ToContainTextAsync($"Merged into");
        await Assertions.Expect(Page.Locator($"[data-person='{merged}']")).ToHaveCountAsync(0);

        // A face opens that person's photos: now both people's.
        await Page.Locator($"[data-person='{kept}'] .open").ClickAsync();
        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync($"person:{kept} sort:date");
        await Assertions.Expect(Page.Locator("#results .result")).ToHaveCountAsync(files.Count);
        await _browser.ScreenshotAsync("people-6-merged-photos");
    }

    /// <summary>Opens the People view; returns how many people it shows (as the API lists them).</summary>
    private async Task<int> OpenPeopleAsync(HttpClient client)
    {
        var people = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people", UriKind.Relative), _ct)).GetProperty("people").GetArrayLength();
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "People", Exact = true }).ClickAsync();
        var cards = Page.Locator("#people-list .person");
        await Assertions.Expect(cards).ToHaveCountAsync(people);
        await Assertions.Expect(cards.First.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await cards.First.Locator("img").EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the face's thumbnail did not load");
        return people;
    }

    /// <summary>Gives person <paramref name="id"/> a name in place: the name clicked, typed, Enter.</summary>
    private async Task NameAsync(long id, string name)
    {
        var card = Page.Locator($"[data-person='{id}']");
        await card.Locator(".name").ClickAsync();
        await card.Locator(".name-edit").FillAsync(name);
        await card.Locator(".name-edit").PressAsync("Enter");
        await Assertions.Expect(card.Locator(".name")).ToHaveTextAsync(name);
    }
}
