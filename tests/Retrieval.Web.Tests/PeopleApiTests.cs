using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// People through the server, over the people library indexed with faces (<see cref="KeyedPeopleServer"/>): the list and
/// one person, a name given then searched by (<c>q=person:</c>, <c>person=</c> repeated is AND, <c>excludePerson=</c>), a
/// merge, a face's thumbnail, a photo's faces; bad requests are 400s and 404s naming what is wrong, and writes need the
/// key and refuse other sites as every change to the index does. Each test touches its own people (anna and ben are
/// named, cleo and dev merged), so they hold in any order.
/// </summary>
public sealed class PeopleApiTests(KeyedPeopleServer server) : IClassFixture<KeyedPeopleServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task People_AreListedMostFacesFirst_EachUnmixed_WithAThumbnail()
    {
        using var client = server.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people", UriKind.Relative), _ct);
        var people = list.GetProperty("people").EnumerateArray().ToList();
        Assert.InRange(people.Count, 3, 4); // four people, three once cleo and dev are merged
        var faces = people.Select(p => p.GetProperty("faces").GetInt32()).ToList();
        Assert.Equal(faces.OrderDescending(), faces);
        Assert.Equal(2, list.GetProperty("unassigned").GetInt64()); // the lone face, in two files: too few to be a person
        foreach (var person in people)
        {
            var id = person.GetProperty("id").GetInt64();
            Assert.Equal($"/api/people/{id}/thumbnail", person.GetProperty("thumbnail").GetString());
            Assert.False(person.GetProperty("hidden").GetBoolean());
            var files = await PeopleServer.FilesOfAsync(client, id);
            Assert.Equal(person.GetProperty("photos").GetInt32(), files.Count);
            // Each person is one face of the set (cleo and dev together once merged): their files share the person's name.
            var shown = files.Where(f => f != PeopleSet.Pair).Select(f => f.Split('-')[0]).Distinct().Order().ToList();
            Assert.True(shown.Count == 1 || shown.SequenceEqual(["cleo", "dev"]), $"person {id} mixes {string.Join(", ", files)}");
        }
    }

    [Fact]
    public async Task APerson_HasTheirFacesAndPhotos_AsSearchResults()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        var person = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{anna}", UriKind.Relative), _ct);
        Assert.Equal(anna, person.GetProperty("id").GetInt64());
        Assert.Equal((5, 5), (person.GetProperty("faceCount").GetInt32(), person.GetProperty("photoCount").GetInt32()));
        var photos = person.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal([.. PeopleSet.FilesOf("anna"), PeopleSet.Pair], photos.Select(p => Path.GetFileName(p.GetProperty("path").GetString())).Order());
        Assert.All(photos, p => Assert.Contains(p.GetProperty("people").EnumerateArray(), who => who.GetProperty("id").GetInt64() == anna));
        Assert.All(photos, p => Assert.StartsWith($"/api/images/{p.GetProperty("id").GetInt64()}/thumbnail", p.GetProperty("thumbnailUrl").GetString(), StringComparison.Ordinal));
        var faces = person.GetProperty("faces").EnumerateArray().ToList();
        Assert.Equal(5, faces.Count);
        Assert.Equal(photos.Select(p => p.GetProperty("id").GetInt64()).Order(), faces.Select(f => f.GetProperty("photoId").GetInt64()).Order());
        Assert.All(faces, f => Assert.True(f.GetProperty("box").GetArrayLength() == 4 && f.GetProperty("box")[2].GetDouble() >= 32, $"{f}"));

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{anna}?offset=3&limit=1", UriKind.Relative), _ct);
        Assert.Equal((3, 1), (page.GetProperty("offset").GetInt32(), page.GetProperty("photos").GetArrayLength()));
    }

    [Fact]
    public async Task ANameGiven_IsSearchedBy_PersonFieldsAreAnd_ExcludePersonLeavesOut()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        var ben = await PeopleServer.PersonInAsync(client, "ben-0.jpg");
        var named = await PutAsync(client, $"/api/people/{anna}", """{"name": "Anna Smith"}""");
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var answer = await named.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal(("Anna Smith", anna, 5), (answer.GetProperty("name").GetString(), answer.GetProperty("id").GetInt64(), answer.GetProperty("faces").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, $"/api/people/{ben}", """{"name": "Ben"}""")).StatusCode);

        string[] annas = [.. PeopleSet.FilesOf("anna"), PeopleSet.Pair];
        Assert.Equal(annas.Order(), await FilesAsync(client, "q=person:%22Anna%20Smith%22"));
        Assert.Equal(annas.Order(), await FilesAsync(client, "q=person:anna")); // the first word will do
        Assert.Equal([PeopleSet.Pair], await FilesAsync(client, "person=Anna%20Smith&person=Ben"));
        Assert.Equal([PeopleSet.Pair], await FilesAsync(client, "q=person:anna%20person:ben"));
        Assert.Equal(PeopleSet.FilesOf("anna").Order(), await FilesAsync(client, $"person={anna}&excludePerson=Ben"));
        Assert.Equal(PeopleSet.FilesOf("anna").Order(), await FilesAsync(client, "q=person:anna%20-person:ben"));

        // Who is in a result, by name; the pair's two people.
        var pair = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?person=Ben&person=Anna", UriKind.Relative), _ct);
        Assert.Equal(["Anna Smith", "Ben"], pair.GetProperty("results")[0].GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // A name taken away with null; a person hidden leaves the list unless asked for, and comes back.
        Assert.Equal(JsonValueKind.Null, (await (await PutAsync(client, $"/api/people/{ben}", """{"name": null}""")).Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("name").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, $"/api/people/{ben}", """{"hidden": true}""")).StatusCode);
        Assert.DoesNotContain(ben, await IdsAsync(client, "/api/people"));
        Assert.Contains(ben, await IdsAsync(client, "/api/people?hidden=true"));
        var shown = await (await PutAsync(client, $"/api/people/{ben}", """{"name": "Ben", "hidden": false}""")).Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal(("Ben", false), (shown.GetProperty("name").GetString(), shown.GetProperty("hidden").GetBoolean()));
        Assert.Contains(ben, await IdsAsync(client, "/api/people"));
    }

    [Fact]
    public async Task Merging_KeepsOnePersonWithBothPeoplesFaces()
    {
        using var client = server.CreateClient();
        var cleo = await PeopleServer.PersonInAsync(client, "cleo-0.jpg");
        var dev = await PeopleServer.PersonInAsync(client, "dev-0.jpg");
        using (var self = await PostAsync(client, $"/api/people/{cleo}/merge", $$"""{"from": {{cleo}}}"""))
        {
            await SearchApiTests.AssertProblemAsync(self, HttpStatusCode.BadRequest, "cannot be merged into themselves");
        }

        using (var unknown = await PostAsync(client, $"/api/people/{cleo}/merge", """{"from": 987654}"""))
        {
            await SearchApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "987654");
        }

        using (var nobody = await PostAsync(client, "/api/people/987654/merge", $$"""{"from": {{dev}}}"""))
        {
            await SearchApiTests.AssertProblemAsync(nobody, HttpStatusCode.NotFound, "987654");
        }

        using (var empty = await PostAsync(client, $"/api/people/{cleo}/merge", "{}"))
        {
            await SearchApiTests.AssertProblemAsync(empty, HttpStatusCode.BadRequest, "from");
        }

        using var merged = await PostAsync(client, $"/api/people/{cleo}/merge", $$"""{"from": {{dev}}}""");
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var kept = await merged.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal((cleo, 8, 8), (kept.GetProperty("id").GetInt64(), kept.GetProperty("faces").GetInt32(), kept.GetProperty("photos").GetInt32()));
        Assert.Equal([.. PeopleSet.FilesOf("cleo"), .. PeopleSet.FilesOf("dev")], (await PeopleServer.FilesOfAsync(client, cleo)).Order());
        using var gone = await client.GetAsync(new Uri($"/api/people/{dev}", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(gone, HttpStatusCode.NotFound, $"{dev}");
    }

    [Fact]
    public async Task APersonsThumbnail_IsTheirFaceSquare_WithAnETag()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        using var first = await client.GetAsync(new Uri($"/api/people/{anna}/thumbnail", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await first.Content.ReadAsByteArrayAsync(_ct)))
        {
            Assert.Equal((128, 128), (bitmap.Width, bitmap.Height));
        }

        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/people/{anna}/thumbnail");
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await client.SendAsync(again, _ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using (var small = await client.GetAsync(new Uri($"/api/people/{anna}/thumbnail?size=64", UriKind.Relative), _ct))
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await small.Content.ReadAsByteArrayAsync(_ct)))
        {
            Assert.Equal((64, 64), (bitmap.Width, bitmap.Height));
            Assert.NotEqual(tag, small.Headers.ETag);
        }

        using var bad = await client.GetAsync(new Uri($"/api/people/{anna}/thumbnail?size=5", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "size must be");
        using var nobody = await client.GetAsync(new Uri("/api/people/987654/thumbnail", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(nobody, HttpStatusCode.NotFound, "987654");
    }

    [Fact]
    public async Task APhotosDetails_ListItsFaces_WithWhoTheyAre()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        var ben = await PeopleServer.PersonInAsync(client, "ben-0.jpg");
        var pair = await TestServer.IdOfAsync(client, PeopleSet.Pair);
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{pair}", UriKind.Relative), _ct);
        var faces = photo.GetProperty("faces").EnumerateArray().OrderBy(f => f.GetProperty("box")[0].GetDouble()).ToList();
        Assert.Equal(2, faces.Count);
        Assert.Equal([anna, ben], faces.Select(f => f.GetProperty("person").GetProperty("id").GetInt64())); // anna on the left
        var width = photo.GetProperty("width").GetInt32();
        Assert.True(faces[0].GetProperty("box")[0].GetDouble() < width / 2.0 && faces[1].GetProperty("box")[0].GetDouble() > width / 2.0);

        // The lone face belongs to nobody.
        var lone = await TestServer.IdOfAsync(client, PeopleSet.FilesOf(PeopleSet.Lone.Person)[0]);
        var alone = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{lone}", UriKind.Relative), _ct);
        Assert.Equal(JsonValueKind.Null, alone.GetProperty("faces").EnumerateArray().Single().GetProperty("person").ValueKind);
    }

    [Fact]
    public async Task BadRequests_AreProblemsNamingWhatIsWrong()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        using (var unknown = await client.GetAsync(new Uri("/api/people/987654", UriKind.Relative), _ct))
        {
            await SearchApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "987654");
        }

        using (var notAnId = await client.GetAsync(new Uri("/api/people/anna", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode); // the route takes whole numbers only
        }

        await SearchApiTests.AssertProblemAsync(await PutAsync(client, $"/api/people/{anna}", $$"""{"name": "{{new string('a', 101)}}"}"""), HttpStatusCode.BadRequest, "100");
        await SearchApiTests.AssertProblemAsync(await PutAsync(client, $"/api/people/{anna}", """{"name": "An"""), HttpStatusCode.BadRequest, "not JSON");
        await SearchApiTests.AssertProblemAsync(await PutAsync(client, $"/api/people/{anna}", "{}"), HttpStatusCode.BadRequest, "give a name");
        await SearchApiTests.AssertProblemAsync(await PutAsync(client, "/api/people/987654", """{"name": "X"}"""), HttpStatusCode.NotFound, "987654");
        await SearchApiTests.AssertProblemAsync(await PutAsync(client, "/api/faces/987654", """{"person": null, "notAPerson": true}"""), HttpStatusCode.NotFound, "987654");
        using (var form = await client.PutAsync(new Uri($"/api/people/{anna}", UriKind.Relative), new StringContent("name=X", Encoding.ASCII, "application/x-www-form-urlencoded"), _ct))
        {
            await SearchApiTests.AssertProblemAsync(form, HttpStatusCode.UnsupportedMediaType, "JSON");
        }

        using var huge = await client.PutAsync(new Uri($"/api/people/{anna}", UriKind.Relative), Json($$"""{"name": "{{new string('a', 40_000)}}"}"""), _ct);
        await SearchApiTests.AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "at most");
        using var hidden = await client.GetAsync(new Uri("/api/people?hidden=maybe", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(hidden, HttpStatusCode.BadRequest, "hidden must be");
    }

    [Fact]
    public async Task Writes_NeedTheKey_AndAreRefusedFromAnotherSite()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, "anna-0.jpg");
        var ben = await PeopleServer.PersonInAsync(client, "ben-0.jpg");
        var face = (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{ben}", UriKind.Relative), _ct)).GetProperty("faces")[0].GetProperty("id").GetInt64();
        (HttpMethod Method, string Url, string Body)[] writes =
        [
            (HttpMethod.Put, $"/api/people/{anna}", """{"name": "Mallory"}"""),
            (HttpMethod.Post, $"/api/people/{anna}/merge", $$"""{"from": {{ben}}}"""),
            (HttpMethod.Put, $"/api/faces/{face}", """{"person": null, "notAPerson": true}"""),
        ];
        using var keyless = new HttpClient { BaseAddress = server.Address };
        foreach (var (method, url, body) in writes)
        {
            using (var request = new HttpRequestMessage(method, url) { Content = Json(body) })
            using (var refused = await keyless.SendAsync(request, _ct))
            {
                await SearchApiTests.AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "X-Api-Key");
            }

            foreach (var (header, value) in ((string, string)[])[("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example")])
            {
                using var request = new HttpRequestMessage(method, url) { Content = Json(body) };
                request.Headers.Add(header, value);
                using var forged = await client.SendAsync(request, _ct);
                Assert.True(forged.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} with {header}: {value} answered {forged.StatusCode}");
            }
        }

        // Nothing changed: anna keeps her faces, ben his.
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people", UriKind.Relative), _ct);
        var byId = list.GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetInt64());
        Assert.NotEqual("Mallory", byId[anna].GetProperty("name").GetString());
        Assert.Equal((5, 5), (byId[anna].GetProperty("faces").GetInt32(), byId[ben].GetProperty("faces").GetInt32()));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, string body) =>
        await client.PutAsync(new Uri(url, UriKind.Relative), Json(body), _ct);

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string body) =>
        await client.PostAsync(new Uri(url, UriKind.Relative), Json(body), _ct);

    private async Task<List<string>> FilesAsync(HttpClient client, string query)
    {
        var found = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/search?{query}&k=50", UriKind.Relative), _ct);
        return [.. found.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order()];
    }

    private async Task<List<long>> IdsAsync(HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), _ct)).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt64())];
}
