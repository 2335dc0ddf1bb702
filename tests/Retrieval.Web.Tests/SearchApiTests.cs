using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>The search endpoints over HTTP: text, uploaded image, similar photos; their answers and their refusals.</summary>
public sealed class SearchApiTests(TestServer server) : IClassFixture<TestServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_RanksExplainsAndPages()
    {
        using var client = server.CreateClient();
        var json = await client.GetFromJsonAsync<JsonElement>("/api/search?q=broccoli&k=2", _ct);
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("hybrid", json.GetProperty("mode").GetString());
        Assert.Equal(["000000062554.jpg", "000000099053.jpg"], results.Select(r => Path.GetFileName(r.GetProperty("path").GetString())).Order(StringComparer.Ordinal));
        var first = results[0];
        foreach (var field in (string[])["id", "score", "vectorScore", "keywordScore", "caption", "width", "height", "takenAt", "thumbnailUrl", "matchedWords", "matchedCaption", "why"])
        {
            Assert.True(first.TryGetProperty(field, out _), $"no '{field}' in {first}");
        }

        Assert.Contains("broccoli", first.GetProperty("matchedWords").EnumerateArray().Select(w => w.GetString()));
        // Why: the evidence, each piece with what it added; together the score the photo was ranked by.
        var why = first.GetProperty("why").EnumerateArray().ToList();
        Assert.Contains(why, e => e.GetProperty("kind").GetString() == "meaning");
        Assert.Equal(first.GetProperty("score").GetDouble(), why.Sum(e => e.GetProperty("counted").GetDouble()), 6);
        Assert.StartsWith("/api/images/", first.GetProperty("thumbnailUrl").GetString(), StringComparison.Ordinal);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/search?q=food&mode=vector&k=8&min_score=-1", _ct);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/search?q=food&mode=vector&k=3&offset=3&min_score=-1", _ct);
        Assert.Equal(Ids(all).Skip(3).Take(3), Ids(page));
        Assert.Equal(8, page.GetProperty("matches").GetInt32());

        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/search?q=food&folder=nowhere", _ct);
        Assert.Empty(filtered.GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("q=dog&k=0", "k must be")]
    [InlineData("q=dog&k=abc", "k must be")]
    [InlineData("q=dog&k=201", "k must be")]
    [InlineData("q=dog&offset=-1", "offset must be")]
    [InlineData("q=dog&offset=990&k=20", "offset must be")]
    [InlineData("q=dog&alpha=2", "alpha must be")]
    [InlineData("q=dog&min_score=high", "min_score must be")]
    [InlineData("q=dog&mode=fuzzy", "mode must be")]
    [InlineData("q=dog&mode=1", "mode must be")]
    [InlineData("q=", "give q")]
    [InlineData("q=after%3A2020-13", "is not a date")]
    [InlineData("q=dog&before=soon", "is not a date")]
    public async Task Search_BadParameters_Are400NamingThem(string query, string message)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/search?{query}", UriKind.Relative), _ct);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Search_RefusesAQueryOverTheLengthLimit()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/search?q={new string('a', 1001)}", UriKind.Relative), _ct);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "at most 1000");
    }

    [Fact]
    public async Task SearchByImage_FindsThePhotoItself_AndFusesText()
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search/image?k=3", UriKind.Relative), Upload("000000107438.jpg"), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("results");
        Assert.Equal("000000107438.jpg", Path.GetFileName(results[0].GetProperty("path").GetString()));
        Assert.Equal(1.0, results[0].GetProperty("score").GetDouble(), 3);

        // "This photo, but with broccoli": the bike photo and the broccoli photos meet at the top.
        Assert.DoesNotContain(Names(results), n => n is "000000062554.jpg" or "000000099053.jpg");
        using var fused = await client.PostAsync(new Uri("/api/search/image?k=3&q=broccoli", UriKind.Relative), Upload("000000107438.jpg"), _ct);
        Assert.Equal(HttpStatusCode.OK, fused.StatusCode);
        var names = Names((await fused.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("results"));
        Assert.Contains("000000107438.jpg", names);
        Assert.Contains(names, n => n is "000000062554.jpg" or "000000099053.jpg");

        // The text may also come as a form field beside the image.
        using var form = Upload("000000107438.jpg");
        form.Add(new StringContent("broccoli"), "q");
        using var formFused = await client.PostAsync(new Uri("/api/search/image?k=3", UriKind.Relative), form, _ct);
        Assert.Equal(names, Names((await formFused.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("results")));
    }

    [Fact]
    public async Task SearchByImage_BadUploads_AreTypedErrors()
    {
        using var client = server.CreateClient();
        using (var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), new StringContent("not a form"), _ct))
        {
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
        }

        using (var form = new MultipartFormDataContent { { new StringContent("x"), "q" } })
        using (var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), form, _ct))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "no file part named 'image'");
        }

        using (var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), Upload("notes.jpg", "these are not pixels"u8.ToArray()), _ct))
        {
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "upload 'notes.jpg'");
        }

        using (var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), Upload("empty.jpg", []), _ct))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "is empty");
        }
    }

    [Fact]
    public async Task Similar_LeavesOutThePhotoItself_AndUnknownIdsAre404()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000062554.jpg");
        var similar = await client.GetFromJsonAsync<JsonElement>($"/api/images/{id}/similar?k=3&min_score=-1", _ct);
        var ids = Ids(similar);
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain(id, ids);
        using var response = await client.GetAsync(new Uri("/api/images/999999/similar", UriKind.Relative), _ct);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "no indexed photo has id 999999");
    }

    internal static MultipartFormDataContent Upload(string sample, byte[]? bytes = null)
    {
        var file = new ByteArrayContent(bytes ?? File.ReadAllBytes(Path.Combine(Retrieval.Testing.RepositoryPaths.Samples, sample)));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "image", sample } };
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static List<string?> Names(JsonElement results) => [.. results.EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()))];

    private static List<long> Ids(JsonElement json) => [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
}
