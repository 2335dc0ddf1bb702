using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>A RAW beside its JPEG over HTTP: one photo, whose details list both files; only the JPEG is found.</summary>
public sealed class CompanionFilesApiTests(CompanionFilesApiTests.Server server) : IClassFixture<CompanionFilesApiTests.Server>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RawBesideJpeg_IsOnePhoto_ListingBothFiles()
    {
        using var client = server.CreateClient();
        var results = await client.GetFromJsonAsync<JsonElement>("/api/search?q=0042&mode=keyword&k=5", _ct);
        var found = Assert.Single(results.GetProperty("results").EnumerateArray());
        Assert.Equal("IMG_0042.JPG", Path.GetFileName(found.GetProperty("path").GetString()));

        var photo = await client.GetFromJsonAsync<JsonElement>($"/api/images/{found.GetProperty("id").GetInt64()}", _ct);
        Assert.Equal(
            [Path.Combine(server.PhotoFolder, "IMG_0042.JPG"), Path.Combine(server.PhotoFolder, "IMG_0042.dng")],
            photo.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    /// <summary>The sample library with a DNG and the camera's rendering of it under the same name.</summary>
    public sealed class Server : TestServer
    {
        protected override int ExpectedPhotos => Photos.Length + 1;

        protected override void AddFiles(string folder)
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "references", "dng-preview.png"), Path.Combine(folder, "IMG_0042.JPG"));
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "files", "dng-preview.dng"), Path.Combine(folder, "IMG_0042.dng"));
        }
    }
}
