using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// HEIC, AVIF, camera raw and TIFF photos through the server: in the library with thumbnails (JPEG renditions the
/// server makes, browsers cannot show those formats), their original bytes served with their own type, and a HEIC
/// dragged from a phone searching the library.
/// </summary>
public sealed class FormatsTests(FormatsTests.Server server) : IClassFixture<FormatsTests.Server>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Files => new()
    {
        { "heic-8bit.heic", "image/heic" }, { "avif-exif.avif", "image/avif" }, { "dng-preview.dng", "image/x-dng" }, { "tiff-rgb8.tif", "image/tiff" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task APhotoOfEachFormat_HasAThumbnail_AndItsOwnBytesWithItsType(string file, string mediaType)
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, file);
        using (var thumbnail = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size=128", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            using var bitmap = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(_ct));
            Assert.Equal(128, Math.Max(bitmap.Width, bitmap.Height));
        }

        using var original = await client.GetAsync(new Uri($"/api/images/{id}/file", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(mediaType, original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(server.PhotoFolder, file), _ct), await original.Content.ReadAsByteArrayAsync(_ct));
    }

    [Theory]
    [InlineData("heic-exif.heic", true)]
    [InlineData("tiff-rgb8.tif", true)]
    [InlineData("dng-preview.dng", true)]
    [InlineData("avif-exif.avif", false)]
    public async Task ThePhotoView_ShowsARendition_WhereBrowsersCannotDrawTheFormat(string file, bool rendition)
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, file);
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        var view = photo.GetProperty("viewUrl").GetString()!;
        Assert.Equal(rendition ? $"/api/images/{id}/thumbnail?size=1024" : $"/api/images/{id}/file", view);
        using var shown = await client.GetAsync(new Uri(view, UriKind.Relative), _ct);
        Assert.Equal(rendition ? "image/jpeg" : "image/avif", shown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APhotosPosition_IsInItsDetails_AsExiftoolReadsIt()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "dng-preview.dng");
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        // tests/formats-set/expected.json: exiftool's GPS of this file; its date taken is DateTimeOriginal, not IFD0's later DateTime.
        Assert.Equal(48.85837, photo.GetProperty("latitude").GetDouble(), 4);
        Assert.Equal(2.294481, photo.GetProperty("longitude").GetDouble(), 4);
        Assert.Equal("2018-08-19T11:22:33", photo.GetProperty("takenAt").GetString());
        Assert.Equal("dng", photo.GetProperty("format").GetString());
    }

    [Fact]
    public async Task AHeicUpload_SearchesTheLibrary()
    {
        using var client = server.CreateClient();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "files", "heic-exif.heic"), _ct);
        var upload = new ByteArrayContent(bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("image/heic");
        using var form = new MultipartFormDataContent { { upload, "image", "IMG_0042.HEIC" } };
        using var response = await client.PostAsync(new Uri("/api/search/image?k=2", UriKind.Relative), form, _ct);
        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var found = JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString())).ToList();
        // The same photo is in the library: it comes first.
        Assert.Equal("heic-exif.heic", found[0]);
    }

    /// <summary>The sample library with one file of each format from the format set.</summary>
    public sealed class Server : TestServer
    {
        protected override IReadOnlyList<string> ExtraFiles =>
            [.. ((string[])["heic-8bit.heic", "heic-exif.heic", "avif-exif.avif", "dng-preview.dng", "tiff-rgb8.tif"])
                .Select(f => Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "files", f))];
    }
}
