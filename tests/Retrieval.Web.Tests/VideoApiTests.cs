using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// Videos through the server: a search answers with the clip and when (its thumbnail that moment's frame), the frames are
/// listed, the file is served in ranges (a video element seeks with them), the type filter narrows, and a Live Photo is
/// its still with a movie to play.
/// </summary>
public sealed class VideoApiTests(VideoApiTests.Server server) : IClassFixture<VideoApiTests.Server>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASearch_FindsTheClip_SayingWhen_WithThatMomentsFrame()
    {
        using var client = server.CreateClient();
        var results = await SearchAsync(client, "pitch baseball game");
        var first = results[0];
        Assert.EndsWith("scenes-h264.mp4", first.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(("video", 24.0), (first.GetProperty("kind").GetString(), first.GetProperty("duration").GetDouble()));
        var at = first.GetProperty("at").GetDouble();
        Assert.InRange(at, 6, 12);
        var thumbnailUrl = first.GetProperty("thumbnailUrl").GetString()!;
        Assert.Contains("at=", thumbnailUrl, StringComparison.Ordinal);
        using var thumbnail = await client.GetAsync(new Uri(thumbnailUrl + "&size=128", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(_ct));
        Assert.Equal((128, 72), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task AVideosFrames_AreListedWithTheirTimes_AndItsDetailsSayWhatItIs()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "scenes-h264.mp4");
        var frames = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}/frames", UriKind.Relative), _ct);
        var times = frames.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("at").GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
        // One frame at least per scene (cuts at 6, 12, 18 s) and none more than 4 s after the one before.
        Assert.All((double[])[0, 6, 12, 18], cut => Assert.Contains(times, t => t >= cut && t < cut + 6));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First <= 4.05, $"{pair.First} -> {pair.Second}"));

        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        Assert.Equal(("video", "mp4", "h264", 24.0),
            (photo.GetProperty("kind").GetString(), photo.GetProperty("format").GetString(), photo.GetProperty("codec").GetString(), photo.GetProperty("duration").GetDouble()));
        Assert.Equal((48.8584, 2.2945), (photo.GetProperty("latitude").GetDouble(), photo.GetProperty("longitude").GetDouble()));
        Assert.Equal($"/api/images/{id}/file", photo.GetProperty("viewUrl").GetString());

        using var missing = await client.GetAsync(new Uri($"/api/images/{await TestServer.IdOfAsync(client, "IMG_0100.JPG")}/frames", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AVideoFile_IsServedInRanges_AsAVideo()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "scenes-h264.mp4");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/images/{id}/file", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await client.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var expected = (await File.ReadAllBytesAsync(Path.Combine(server.PhotoFolder, "scenes-h264.mp4"), _ct)).AsSpan(1000, 1000).ToArray();
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync(_ct));
    }

    [Theory]
    [InlineData("video")]
    [InlineData("photo")]
    public async Task TheTypeParameter_NarrowsTheResults(string type)
    {
        using var client = server.CreateClient();
        var results = await SearchAsync(client, "a dog in the woods", $"&type={type}&minScore=-1&k=50");
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(type, r.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task AFilterWithoutText_ListsWhatItAllows()
    {
        using var client = server.CreateClient();
        var response = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?type=video&sort=date", UriKind.Relative), _ct);
        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["scenes-h264.mp4"], results.Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)));
        Assert.Equal(1, response.GetProperty("matches").GetInt32());
    }

    [Fact]
    public async Task ALivePhoto_IsItsStill_WithItsMovieToPlay()
    {
        using var client = server.CreateClient();
        var results = await SearchAsync(client, "woods dog", "&minScore=-1&k=50");
        Assert.DoesNotContain(results, r => r.GetProperty("path").GetString()!.EndsWith(".MOV", StringComparison.Ordinal));
        var id = await TestServer.IdOfAsync(client, "IMG_0100.JPG");
        var photo = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        var motion = photo.GetProperty("motionUrl").GetString()!;
        using var movie = await client.GetAsync(new Uri(motion, UriKind.Relative), _ct);
        Assert.Equal("video/quicktime", movie.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(server.PhotoFolder, "IMG_0100.MOV"), _ct), await movie.Content.ReadAsByteArrayAsync(_ct));
    }

    [Fact]
    public async Task ABadMoment_IsABadRequest_AndOnePastTheEndIsTheLastFrame()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "scenes-h264.mp4");
        using (var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?at=-3", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var past = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?at=999&size=64", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Equal("image/jpeg", past.Content.Headers.ContentType?.MediaType);
    }

    private async Task<List<JsonElement>> SearchAsync(HttpClient client, string query, string more = "")
    {
        var response = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/search?q={Uri.EscapeDataString(query)}{more}", UriKind.Relative), _ct);
        return [.. response.GetProperty("results").EnumerateArray()];
    }

    /// <summary>The sample library with a clip of four scenes and a Live Photo (a JPEG and its movie).</summary>
    public sealed class Server : TestServer
    {
        protected override IReadOnlyList<string> ExtraFiles =>
            [.. ((string[])["scenes-h264.mp4", "IMG_0100.JPG", "IMG_0100.MOV"]).Select(f => Path.Combine(VideoSet.Files, f))];

        // The Live Photo's movie is its still's companion, not a photo.
        protected override int ExpectedPhotos => Photos.Length + 2;

        protected override void AddFiles(string folder) => VideoSet.RequireFfmpeg();
    }
}
