using System.Net;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>A library holding one 50-megapixel PNG beside the samples, and a thumbnail cache of 1 MB.</summary>
public sealed class ThumbnailServer : HostileServer
{
    public const string Large = "large.png";

    /// <summary>A photo the deletion test removes (a copy of a sample, so the others stay for the other tests).</summary>
    public const string Doomed = "doomed.jpg";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Retrieval__Imaging__ThumbnailCacheBytes"] = $"{1 << 20}" };

    public string Thumbnails => Path.Combine(IndexFolder, "thumbnails");

    protected override async Task<int> AddPhotosAsync(string folder)
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, Large), TestPng.AllZero(10_000, 5_000), TestContext.Current.CancellationToken);
        File.Copy(Path.Combine(RepositoryPaths.Samples, "000000129648.jpg"), Path.Combine(folder, Doomed));
        return 2;
    }
}

/// <summary>
/// Thumbnails as a weapon: every size a client can name, concurrent misses of a huge photo, a cache that grows
/// without end, thumbnails of deleted photos. Sizes snap to five buckets, making them waits its turn within a memory
/// budget, the cache keeps to its size (least recently used out), and a removed photo's thumbnails go with it.
/// </summary>
public sealed class ThumbnailAbuseTests(ThumbnailServer server) : IClassFixture<ThumbnailServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySize_SnapsToABucket_TheCacheKeepsToItsSize()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, "000000000790.jpg");
        foreach (var size in Enumerable.Range(825, 200))
        {
            using var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size={size}", UriKind.Relative), _ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(Directory.GetFiles(server.Thumbnails, $"{id}-*.jpg"));

        // Every photo at every bucket: far more than 1 MB of thumbnails, yet the folder keeps to it.
        foreach (var photo in TestServer.Photos)
        {
            var photoId = await server.IdOfAsync(client, photo);
            foreach (var size in (int[])[64, 128, 256, 512, 1024])
            {
                using var response = await client.GetAsync(new Uri($"/api/images/{photoId}/thumbnail?size={size}", UriKind.Relative), _ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var bytes = Directory.GetFiles(server.Thumbnails).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes <= 1 << 20, $"the cache holds {bytes:N0} bytes");
    }

    [Fact]
    public async Task ConcurrentMissesOfAHugePhoto_StayWithinTheMemoryBudget()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, ThumbnailServer.Large);
        var before = server.Memory().Now;
        server.ResetPeakMemory();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size={(i % 5 * 200) + 40}", UriKind.Relative), _ct);
            return response.StatusCode;
        }));
        var peak = server.Memory().Peak;
        TestContext.Current.SendDiagnosticMessage($"12 concurrent thumbnails of a 50-megapixel PNG: peak memory +{(peak - before) / 1e6:0} MB");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.True(peak - before < 512L << 20, $"memory grew by {(peak - before) / 1e6:0} MB");
    }

    [Fact]
    public async Task ADeletedPhoto_TakesItsThumbnailsWithIt()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, ThumbnailServer.Doomed);
        foreach (var size in (int[])[64, 256])
        {
            using var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size={size}", UriKind.Relative), _ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotEmpty(Directory.GetFiles(server.Thumbnails, $"{id}-*.jpg"));
        using var deleted = await client.DeleteAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(Directory.GetFiles(server.Thumbnails, $"{id}-*.jpg"));
    }
}

/// <summary>A thumbnail cache that cannot be written (here: a file where its folder should be) still serves thumbnails, and says why.</summary>
public sealed class ThumbnailCacheFailureTests(HostileServer server) : IClassFixture<HostileServer>
{
    [Fact]
    public async Task AnUnwritableCache_StillServesTheThumbnail_AndLogsAWarning()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, "000000000790.jpg");
        var folder = Path.Combine(server.IndexFolder, "thumbnails");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        await File.WriteAllTextAsync(folder, "not a folder", TestContext.Current.CancellationToken);
        using var response = await client.GetAsync(new Uri($"/api/images/{id}/thumbnail?size=300", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 1000);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Contains("thumbnail cache could not change", server.Process.Stdout + server.Process.Stderr, StringComparison.Ordinal);
    }
}
