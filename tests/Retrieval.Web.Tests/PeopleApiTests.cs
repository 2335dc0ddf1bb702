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
/// key and refuse other sites as every change to the index does. Who is who comes from the index itself (the person in
/// anna-2.jpg, the one beside her in the pair file): the detector finds the faces it finds in the set's crops, and each
/// expectation is computed from the people it made. Merging has its own server (<see cref="PeopleMergeTests"/>), so these
/// hold in any order.
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
        Assert.True(people.Count >= 2, $"{list}");
        var faces = people.Select(p => p.GetProperty("faces").GetInt32()).ToList();
        Assert.Equal(faces.OrderDescending(), faces);
        Assert.All(faces, f => Assert.True(f >= 3, $"a person of {f} faces")); // a new person takes three
        Assert.True(list.GetProperty("unassigned").GetInt64() >= 1, $"{list}"); // the lone face: in too few files to be a person
        foreach (var person in people)
        {
            var id = person.GetProperty("id").GetInt64();
            Assert.Equal($"/api/people/{id}/thumbnail", person.GetProperty("thumbnail").GetString());
            Assert.False(person.GetProperty("hidden").GetBoolean());
            var files = await PeopleServer.FilesOfAsync(client, id);
            Assert.Equal(person.GetProperty("photos").GetInt32(), files.Count);
            Assert.DoesNotContain(files, f => f.StartsWith(PeopleSet.Lone.Person, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task APerson_HasTheirFacesAndPhotos_AsSearchResults()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, Anna);
        var person = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{anna}", UriKind.Relative), _ct);
        Assert.Equal(anna, person.GetProperty("id").GetInt64());
        var photos = person.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal((person.GetProperty("faces").GetArrayLength(), photos.Count), (person.GetProperty("faceCount").GetInt32(), person.GetProperty("photoCount").GetInt32()));
        Assert.Equal(PeopleSet.FilesOf("anna"), photos.Select(p => Path.GetFileName(p.GetProperty("path").GetString()!)).Where(f => f.StartsWith("anna", StringComparison.Ordinal)).Order());
        Assert.All(photos, p => Assert.Contains(p.GetProperty("people").EnumerateArray(), who => who.GetProperty("id").GetInt64() == anna));
        Assert.All(photos, p => Assert.StartsWith($"/api/images/{p.GetProperty("id").GetInt64()}/thumbnail", p.GetProperty("thumbnailUrl").GetString(), StringComparison.Ordinal));
        var faces = person.GetProperty("faces").EnumerateArray().ToList();
        Assert.Equal(photos.Select(p => p.GetProperty("id").GetInt64()).Order(), faces.Select(f => f.GetProperty("photoId").GetInt64()).Distinct().Order());
        Assert.All(faces, f => Assert.True(f.GetProperty("box").GetArrayLength() == 4 && f.GetProperty("box")[2].GetDouble() >= 32, $"{f}"));

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{anna}?offset=3&limit=1", UriKind.Relative), _ct);
        Assert.Equal((3, 1), (page.GetProperty("offset").GetInt32(), page.GetProperty("photos").GetArrayLength()));
    }

    [Fact]
    public async Task ANameGiven_IsSearchedBy_PersonFieldsAreAnd_ExcludePersonLeavesOut()
    {
        using var client = server.CreateClient();
        var (anna, ben) = await PeopleServer.PairAsync(client, Anna);
        var named = await PutAsync(client, $"/api/people/{anna}", """{"name": "Anna Smith"}""");
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var answer = await named.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal(("Anna Smith", anna), (answer.GetProperty("name").GetString(), answer.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, $"/api/people/{ben}", """{"name": "Ben"}""")).StatusCode);

        var annas = await PeopleServer.FilesOfAsync(client, anna);
        var bens = await PeopleServer.FilesOfAsync(client, ben);
        List<string> both = [.. annas.Intersect(bens).Order()], annaAlone = [.. annas.Except(bens).Order()];
        Assert.Equal([PeopleSet.Pair], both);
        Assert.Equal(PeopleSet.FilesOf("anna").Order(StringComparer.Ordinal), annaAlone);
        Assert.NotEmpty(annaAlone);
        Assert.Equal(annas.Order(), await FilesAsync(client, "q=person:%22Anna%20Smith%22"));
        Assert.Equal(annas.Order(), await FilesAsync(client, "q=person:anna")); // the first word will do
        Assert.Equal(both, await FilesAsync(client, "person=Anna%20Smith&person=Ben"));
        Assert.Equal(both, await FilesAsync(client, "q=person:anna%20person:ben"));
        Assert.Equal(annaAlone, await FilesAsync(client, $"person={anna}&excludePerson=Ben"));
        Assert.Equal(annaAlone, await FilesAsync(client, "q=person:anna%20-person:ben"));

        // Who is in a result, by name, named ones first.
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
    public async Task APersonsThumbnail_IsTheirFaceSquare_WithAnETag()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, Anna);
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
        var (anna, ben) = await PeopleServer.PairAsync(client, Anna);
        // A file both are in: each face its own person, the boxes inside the photo.
        var shared = (await PeopleServer.FilesOfAsync(client, anna)).Intersect(await PeopleServer.FilesOfAsync(client, ben)).First();
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{await TestServer.IdOfAsync(client, shared)}", UriKind.Relative), _ct);
        var faces = photo.GetProperty("faces").EnumerateArray().ToList();
        Assert.Equal([anna, ben], faces.Select(f => f.GetProperty("person").GetProperty("id").GetInt64()).Order());
        Assert.All(faces, f => Assert.True(f.GetProperty("box")[0].GetDouble() + f.GetProperty("box")[2].GetDouble() <= photo.GetProperty("width").GetInt32() + 1, $"{f}"));

        // The lone face belongs to nobody.
        var lone = new List<JsonElement>();
        foreach (var file in PeopleSet.FilesOf(PeopleSet.Lone.Person))
        {
            var alone = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{await TestServer.IdOfAsync(client, file)}", UriKind.Relative), _ct);
            lone.AddRange(alone.GetProperty("faces").EnumerateArray());
        }

        Assert.NotEmpty(lone);
        Assert.All(lone, f => Assert.Equal(JsonValueKind.Null, f.GetProperty("person").ValueKind));
    }

    [Fact]
    public async Task BadRequests_AreProblemsNamingWhatIsWrong()
    {
        using var client = server.CreateClient();
        var anna = await PeopleServer.PersonInAsync(client, Anna);
        using (var unknown = await client.GetAsync(new Uri("/api/people/987654", UriKind.Relative), _ct))
        {
            await SearchApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "987654");
        }

        using (var notAnId = await client.GetAsync(new Uri("/api/people/anna", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode); // the route takes whole numbers only
        }

        using (var nobody = await client.GetAsync(new Uri("/api/search?person=Zyzzyva", UriKind.Relative), _ct))
        {
            await SearchApiTests.AssertProblemAsync(nobody, HttpStatusCode.BadRequest, "person:Zyzzyva names nobody");
        }

        using (var leftOut = await client.GetAsync(new Uri("/api/search?q=dog&excludePerson=Zyzzyva", UriKind.Relative), _ct))
        {
            await SearchApiTests.AssertProblemAsync(leftOut, HttpStatusCode.BadRequest, "names nobody");
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
        var (anna, ben) = await PeopleServer.PairAsync(client, Anna);
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

        // Nothing changed: both are still there, unrenamed.
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people?hidden=true", UriKind.Relative), _ct);
        var byId = list.GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetInt64());
        Assert.NotEqual("Mallory", byId[anna].GetProperty("name").GetString());
        Assert.True(byId.ContainsKey(ben));
    }

    /// <summary>A file only Anna's face is found in.</summary>
    private const string Anna = "anna-2.jpg";

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

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
