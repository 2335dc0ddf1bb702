using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>Photos over HTTP: what the index knows, thumbnails with caching, the file behind its guard, image to text.</summary>
public sealed class PhotoApiTests(TestServer server) : IClassFixture<TestServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Photo_HasItsCaptionsTagsAndLinks_UnknownIs404()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000062554.jpg");
        var photo = await client.GetFromJsonAsync<JsonElement>($"/api/images/{id}", _ct);
        Assert.Equal("000000062554.jpg", photo.GetProperty("fileName").GetString());
        Assert.Equal(5, photo.GetProperty("captions").GetArrayLength());
        Assert.Contains("broccoli", photo.GetProperty("tags").EnumerateArray().Select(t => t.GetString())); // an automatic tag
        Assert.Equal($"/api/images/{id}/file", photo.GetProperty("fileUrl").GetString());
        Assert.Equal([photo.GetProperty("path").GetString()], photo.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        foreach (var path in (string[])["/api/images/999999", "/api/images/abc", "/api/images/..%2F..%2Fetc%2Fpasswd/file", "/api/images/%2Fetc%2Fpasswd/file"])
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), _ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Thumbnail_IsASmallJpeg_CachedWithAnETag()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000107438.jpg");
        using var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size=128", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(_ct);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(bytes))
        {
            Assert.Equal(128, Math.Max(bitmap.Width, bitmap.Height));
        }

        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{id}/thumbnail?size=128");
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await client.SendAsync(again, _ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Single(Directory.GetFiles(Path.Combine(server.IndexFolder, "thumbnails"), $"{id}-128-*.jpg"));

        foreach (var size in (string[])["10", "2000", "big"])
        {
            using var bad = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size={size}", UriKind.Relative), _ct);
            await SearchApiTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "size must be");
        }
    }

    [Fact]
    public async Task File_IsServedFromInsideTheRoot_NotThroughALinkOutOfIt()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000121647.jpg");
        var path = Path.Combine(server.PhotoFolder, "000000121647.jpg");
        using (var response = await client.GetAsync(new Uri($"/api/images/{id}/file", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(path, _ct), await response.Content.ReadAsByteArrayAsync(_ct));
        }

        // The indexed file becomes a symbolic link to a file outside every indexed root: neither it nor its thumbnail is served.
        var outside = Path.Combine(Path.GetDirectoryName(server.IndexFolder)!, "outside.jpg");
        File.Move(path, outside);
        File.CreateSymbolicLink(path, outside);
        try
        {
            foreach (var endpoint in (string[])["file", "thumbnail?size=64"])
            {
                using var response = await client.GetAsync(new Uri($"/api/images/{id}/{endpoint}", UriKind.Relative), _ct);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        finally
        {
            File.Delete(path);
            File.Move(outside, path);
        }
    }

    [Fact]
    public async Task Captions_ForAnUploadAndForAnIndexedPhoto_RankItsOwnCaptionsHigh()
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/caption?k=3", UriKind.Relative), SearchApiTests.Upload("000000000790.jpg"), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var captions = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, captions.Count);
        // Among the 40 indexed captions, the birthday photo's own are near the top (image to text R@3).
        Assert.Contains(captions, c => Path.GetFileName(c.GetProperty("path").GetString()) == "000000000790.jpg"
            && c.GetProperty("caption").GetString()!.Contains("cake", StringComparison.OrdinalIgnoreCase));

        var id = await TestServer.IdOfAsync(client, "000000000790.jpg");
        var own = await client.GetFromJsonAsync<JsonElement>($"/api/images/{id}/captions?k=3", _ct);
        Assert.Contains(id, own.GetProperty("results").EnumerateArray().Select(c => c.GetProperty("photoId").GetInt64()));

        using var bad = await client.GetAsync(new Uri($"/api/images/{id}/captions?k=0", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "k must be");
        using var unknown = await client.GetAsync(new Uri("/api/images/424242/captions", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no indexed photo");
        using var notImage = await client.PostAsync(new Uri("/api/caption", UriKind.Relative), SearchApiTests.Upload("x.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]), _ct);
        await SearchApiTests.AssertProblemAsync(notImage, HttpStatusCode.UnsupportedMediaType, "upload 'x.png'");
    }

    [Fact]
    public async Task StatusHealthOpenApiAndThePage_AnswerWithTheSecurityHeaders()
    {
        using var client = server.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status", _ct);
        Assert.Equal(TestServer.Photos.Length, status.GetProperty("photos").GetInt64());
        Assert.Equal(40, status.GetProperty("captions").GetInt64());
        Assert.Equal("minilm-mobilenetv2", status.GetProperty("model").GetString());
        Assert.False(status.GetProperty("indexing").GetProperty("running").GetBoolean());
        Assert.Equal("ok", (await client.GetFromJsonAsync<JsonElement>("/healthz", _ct)).GetProperty("status").GetString());

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in (string[])["/api/search", "/api/search/image", "/api/images/{id}/similar", "/api/caption", "/api/images/{id}/captions",
            "/api/images/{id}", "/api/images/{id}/thumbnail", "/api/images/{id}/file", "/api/images/{id}/frames", "/api/status", "/healthz", "/api/index"])
        {
            Assert.Contains(path, paths);
        }

        foreach (var url in (string[])["/", "/api/status", "/api/search?q="])
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task AServerWithAnotherModel_AnswersEveryIndexRead409_NamingBothModels()
    {
        // As after an upgrade: the index was built with one model, the server starts with another.
        await using var other = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Retrieval:Index:Root", server.IndexFolder);
            web.UseSetting("Retrieval:Model:Path", Retrieval.Testing.RepositoryPaths.TinyModel);
            web.UseSetting("Retrieval:Server:IndexSamplesOnFirstStart", "false");
        });
        using var client = other.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/search?q=dog", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "holds vectors of model 'minilm-mobilenetv2@");
        Assert.Equal("ok", (await client.GetFromJsonAsync<JsonElement>("/healthz", _ct)).GetProperty("status").GetString());
    }
}
