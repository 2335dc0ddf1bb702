using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>
/// <c>POST /api/people/{id}/merge</c> on a server of its own (a merge cannot be undone, and the other people tests count on
/// the people as indexed): one person kept with both people's faces and photos, the other gone; a person into themselves
/// is 400, an unknown one 404.
/// </summary>
public sealed class PeopleMergeTests(KeyedPeopleServer server) : IClassFixture<KeyedPeopleServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Merging_KeepsOnePersonWithBothPeoplesFaces()
    {
        using var client = server.CreateClient();
        var cleo = await PeopleServer.PersonInAsync(client, "cleo-0.jpg");
        var dev = await PeopleServer.PersonInAsync(client, "anna-2.jpg");
        var (cleoFiles, devFiles) = (await PeopleServer.FilesOfAsync(client, cleo), await PeopleServer.FilesOfAsync(client, dev));
        var before = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people", UriKind.Relative), _ct)).GetProperty("people").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetInt64(), p => p.GetProperty("faces").GetInt32());
        using (var self = await PostAsync($"/api/people/{cleo}/merge", $$"""{"from": {{cleo}}}"""))
        {
            await SearchApiTests.AssertProblemAsync(self, HttpStatusCode.BadRequest, "cannot be merged into themselves");
        }

        using (var unknown = await PostAsync($"/api/people/{cleo}/merge", """{"from": 987654}"""))
        {
            await SearchApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "987654");
        }

        using (var nobody = await PostAsync("/api/people/987654/merge", $$"""{"from": {{dev}}}"""))
        {
            await SearchApiTests.AssertProblemAsync(nobody, HttpStatusCode.NotFound, "987654");
        }

        using (var empty = await PostAsync($"/api/people/{cleo}/merge", "{}"))
        {
            await SearchApiTests.AssertProblemAsync(empty, HttpStatusCode.BadRequest, "from");
        }

        using var merged = await PostAsync($"/api/people/{cleo}/merge", $$"""{"from": {{dev}}}""");
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var kept = await merged.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal((cleo, before[cleo] + before[dev]), (kept.GetProperty("id").GetInt64(), kept.GetProperty("faces").GetInt32()));
        Assert.Equal(cleoFiles.Union(devFiles).Order(), (await PeopleServer.FilesOfAsync(client, cleo)).Order());
        using var gone = await client.GetAsync(new Uri($"/api/people/{dev}", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(gone, HttpStatusCode.NotFound, $"{dev}");
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string body)
    {
        using var client = server.CreateClient();
        return await client.PostAsync(new Uri(url, UriKind.Relative), PeopleApiTests.Json(body), _ct);
    }
}
