using System.Net;
using System.Text.Json;
using Retrieval.Catalog;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The server over the index it built from the samples, kept as a pristine copy (its catalog checkpointed, so every
/// page is in the file): each test stops the server, puts the copy back with one file damaged, and starts it again.
/// </summary>
public sealed class DamagedIndexServer : HostileServer
{
    private string Pristine => Path.Combine(Folder, "pristine");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Process.KillAsync();
        CatalogDb.Open(Path.Combine(IndexFolder, "catalog.db")).Dispose(); // the last connection closing checkpoints the WAL into the file
        TestFiles.CopyTree(IndexFolder, Pristine);
    }

    /// <summary>Restarts the server over the pristine index with <paramref name="damage"/> done to it; returns the damaged file.</summary>
    public async Task<string> RestartDamagedAsync(Func<string, string> damage)
    {
        ArgumentNullException.ThrowIfNull(damage);
        await Process.KillAsync();
        Directory.Delete(IndexFolder, recursive: true);
        TestFiles.CopyTree(Pristine, IndexFolder);
        var file = damage(IndexFolder);
        await StartAsync();
        using var client = CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return file;
                }
            }
            catch (HttpRequestException) when (attempt < 300 && !Process.HasExited)
            {
                // Not listening yet.
            }

            Assert.True(attempt < 300 && !Process.HasExited, $"the server did not come up over the damaged index: {Process.Stderr}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>
/// A damaged index file — a keyword file cut short, garbage catalog pages, an empty catalog, a vector file overwritten
/// with random data — makes every read answer 503 naming the file: search in every mode, a photo's details and its
/// thumbnail, and the status. Never a 500, never an empty or wrong answer.
/// </summary>
public sealed class DamagedIndexTests(DamagedIndexServer server) : IClassFixture<DamagedIndexServer>
{
    private static readonly string[] Reads =
    [
        "/api/search?q=cake&mode=hybrid", "/api/search?q=cake&mode=keyword", "/api/search?q=cake&mode=vector",
        "/api/images/1", "/api/images/1/thumbnail", "/api/status", "/api/timeline", "/api/timeline?month=2019-07", "/api/timeline/on-this-day", "/api/map",
    ];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public Task AKeywordFileCutShort_Is503NamingIt() => AssertEveryReadIs503NamingAsync(IndexDamage.CutKeywordFile);

    [Fact]
    public Task GarbageCatalogPages_Are503NamingTheCatalog() => AssertEveryReadIs503NamingAsync(IndexDamage.GarbleCatalogPages);

    [Fact]
    public Task GarbageRowsThatStillParse_Are503NamingTheCatalog() => AssertEveryReadIs503NamingAsync(IndexDamage.GarbleRows);

    [Fact]
    public Task AnEmptyCatalog_Is503NamingIt() => AssertEveryReadIs503NamingAsync(IndexDamage.EmptyCatalog);

    [Fact]
    public Task AVectorFileOverwrittenWithRandomData_Is503NamingIt() => AssertEveryReadIs503NamingAsync(IndexDamage.RandomizeVectorFile);

    private async Task AssertEveryReadIs503NamingAsync(Func<string, string> damage)
    {
        var file = await server.RestartDamagedAsync(damage);
        using var client = server.CreateClient();
        var wrong = new List<string>();
        foreach (var url in Reads)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
            var body = await response.Content.ReadAsStringAsync(_ct);
            var detail = response.StatusCode == HttpStatusCode.ServiceUnavailable ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() : null;
            if (detail?.Contains(file, StringComparison.Ordinal) != true)
            {
                wrong.Add($"GET {url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(wrong.Count == 0, $"with {file} damaged, not a 503 naming it:\n{string.Join('\n', wrong)}");
    }
}
