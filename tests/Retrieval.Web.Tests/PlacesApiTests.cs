using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>
/// Places through the server (the format set's GPS photos beside the samples, which have no position):
/// <c>GET /api/places</c> lists countries, regions and cities with counts and covers; a photo's details and its search
/// result say where it was taken; <c>near=</c> keeps the photos around a position; bad values are 400s naming them.
/// </summary>
public sealed class PlacesApiTests(FormatsTests.Server server) : IClassFixture<FormatsTests.Server>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Places_ListsCountriesRegionsAndCities_WithCountsAndCoversThatShow()
    {
        using var client = server.CreateClient();
        var places = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/places", UriKind.Relative), _ct);
        var countries = places.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(["AU", "FR", "US"], countries.Keys.Order());
        var france = countries["FR"];
        Assert.Equal(("France", 1), (france.GetProperty("name").GetString(), france.GetProperty("count").GetInt32()));
        var region = france.GetProperty("regions").EnumerateArray().Single();
        Assert.Equal("Île-de-France", region.GetProperty("name").GetString());
        Assert.Equal("Paris", region.GetProperty("cities").EnumerateArray().Single().GetProperty("name").GetString());
        var dng = await TestServer.IdOfAsync(client, "dng-preview.dng");
        Assert.Equal(dng, france.GetProperty("cover").GetInt64());
        using (var cover = await client.GetAsync(new Uri($"/api/images/{france.GetProperty("cover").GetInt64()}/thumbnail", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
            Assert.Equal("image/jpeg", cover.Content.Headers.ContentType?.MediaType);
        }

        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative), _ct);
        var searchable = status.GetProperty("photos").GetInt32();
        Assert.Equal(searchable - 3, places.GetProperty("unplaced").GetInt32());

        // Filters narrow what counts: no video was taken anywhere here.
        var videos = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/places?type=video", UriKind.Relative), _ct);
        Assert.Empty(videos.GetProperty("countries").EnumerateArray());
        foreach (var narrowed in (string[])["place=FR", "q=place:FR", "near=48.8738,2.2950,2"])
        {
            var only = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/places?{narrowed}", UriKind.Relative), _ct);
            Assert.Equal(["FR"], only.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        }

        using var bad = await client.GetAsync(new Uri("/api/places?after=soon", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "after:soon is not a date");
    }

    [Fact]
    public async Task APhotosDetailsAndResult_SayWhereItWasTaken()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "avif-exif.avif");
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        var place = photo.GetProperty("place");
        Assert.Equal(("Sydney", "New South Wales", "Australia", "AU"),
            (place.GetProperty("city").GetString(), place.GetProperty("region").GetString(), place.GetProperty("country").GetString(), place.GetProperty("code").GetString()));

        var search = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?q=Sydney&k=1", UriKind.Relative), _ct);
        var first = search.GetProperty("results")[0];
        Assert.Equal(id, first.GetProperty("id").GetInt64());
        Assert.EndsWith("Sydney, Australia", first.GetProperty("place").GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("why").EnumerateArray(), e => e.GetProperty("kind").GetString() == "place");

        var unplaced = await TestServer.IdOfAsync(client, "tiff-rgb8.tif");
        var none = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{unplaced}", UriKind.Relative), _ct);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("place").ValueKind);
    }

    [Fact]
    public async Task Near_KeepsThePhotosAroundAPosition()
    {
        using var client = server.CreateClient();
        // The Eiffel Tower photo is 1.7 km from the Arc de Triomphe; the others are continents away.
        var near = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?near=48.8738,2.2950,2", UriKind.Relative), _ct);
        Assert.Equal(["dng-preview.dng"], near.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString())));
        var closer = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?near=48.8738,2.2950,1", UriKind.Relative), _ct);
        Assert.Empty(closer.GetProperty("results").EnumerateArray());

        using var bad = await client.GetAsync(new Uri("/api/search?near=48.8,200", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "longitude 200 is not between -180 and 180");
    }
}
