using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The index replaced under a running server: deleted, every search and the status answer 503 with the reason (no
/// other 5xx, no answers from the deleted index); rebuilt by `retrieval index`, it is served again at the next
/// request, without a restart.
/// </summary>
public sealed class IndexReplacedTests(HostileServer server) : IClassFixture<HostileServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeletedIndex_Is503_ARebuiltOneIsServedWithoutARestart()
    {
        using var client = server.CreateClient();
        foreach (var mode in (string[])["hybrid", "keyword", "vector"])
        {
            using var warm = await client.GetAsync(new Uri($"/api/search?q=cake&mode={mode}", UriKind.Relative), _ct);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        Directory.Delete(server.IndexFolder, recursive: true);
        foreach (var url in (string[])["/api/search?q=cake&mode=hybrid", "/api/search?q=cake&mode=keyword", "/api/search?q=cake&mode=vector", "/api/status", "/api/images/1", "/api/timeline", "/api/map"])
        {
            using var gone = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
            Assert.True(gone.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {url} after the index was deleted answered {gone.StatusCode}: {await gone.Content.ReadAsStringAsync(_ct)}");
            Assert.Contains("is gone", await gone.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        }

        // Rebuilt from fewer photos by the CLI, as a user would.
        var photos = Path.Combine(server.Folder, "rebuilt");
        TestFiles.CopyNamed(RepositoryPaths.Samples, photos, TestServer.Photos[..3]);
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", server.IndexFolder, "--device", "cpu"]);
        Assert.True(exit == 0, stderr);
        // The pool checks the index's identity at every lease: the first request after the run is served from the new index.
        using (var status = await client.GetAsync(new Uri("/api/status", UriKind.Relative), _ct))
        {
            Assert.True(status.StatusCode == HttpStatusCode.OK, $"the rebuilt index was not served: {status.StatusCode} {await status.Content.ReadAsStringAsync(_ct)}");
            Assert.Equal(3, (await status.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("photos").GetInt64());
        }

        var results = await client.GetFromJsonAsync<JsonElement>("/api/search?q=food&mode=vector&min_score=-1", _ct);
        Assert.Equal(3, results.GetProperty("results").GetArrayLength());
    }
}
