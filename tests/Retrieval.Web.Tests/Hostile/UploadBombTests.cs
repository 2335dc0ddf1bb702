using System.Net;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// Decompression bombs sent as uploads: a 100 KB all-zero PNG and a 35-byte GIF that each declare 10,000 x 10,000
/// pixels. An upload is decoded to far fewer pixels than a library photo may have (the model needs a few hundred),
/// so they are refused from their headers (415, naming the upload limit), alone and eight at once, in bounded
/// memory; searches go on.
/// </summary>
public sealed class UploadBombTests(HostileServer server) : IClassFixture<HostileServer>
{
    [Fact]
    public async Task BombUploads_AreRefusedFromTheirHeaders_EightAtOnceInBoundedMemory()
    {
        using var client = server.CreateClient();
        var png = TestPng.AllZero(10_000, 10_000);
        var gif = HostileInputs.TinyGif(10_000, 10_000);
        Assert.True(png.Length < 200_000 && gif.Length < 64, $"{png.Length} and {gif.Length} bytes");
        Assert.Equal(HttpStatusCode.OK, await server.SearchAsync(client));
        var before = server.Memory().Now;
        server.ResetPeakMemory();

        var uploads = Enumerable.Range(0, 16).Select(async i =>
        {
            var (bytes, name) = i % 2 == 0 ? (png, "bomb.png") : (gif, "bomb.gif");
            using var response = await client.PostAsync(new Uri(i % 4 < 2 ? "/api/search/image" : "/api/caption", UriKind.Relative), HostileInputs.Upload(bytes, name), TestContext.Current.CancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }).ToList();
        var search = await server.SearchAsync(client);
        var answers = await Task.WhenAll(uploads);
        var peak = server.Memory().Peak;
        TestContext.Current.SendDiagnosticMessage($"16 bomb uploads: {string.Join(", ", answers.Select(a => (int)a.StatusCode).Distinct())}; a search beside them {(int)search}; peak memory +{(peak - before) / 1e6:0} MB");
        // Each refused by the decoder's own rule, from the size its header declares: nothing was decoded.
        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, a.StatusCode);
            Assert.Contains("10000x10000", a.Item2, StringComparison.Ordinal);
            Assert.Contains("megapixels, above the limit", a.Item2, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.OK, search);
        Assert.True(peak - before < 512L << 20, $"memory grew by {(peak - before) / 1e6:0} MB");
    }

    [Fact]
    public async Task AnUploadAboveEveryLimit_IsRefusedNamingTheUploadLimit()
    {
        // 400 megapixels: above the library's limit (100) too, yet the limit that applies to an upload is its own (16).
        using var client = server.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), HostileInputs.Upload(HostileInputs.TinyGif(20_000, 20_000), "bomb.gif"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("limit of 16 megapixels for an upload", body, StringComparison.Ordinal);
    }
}
