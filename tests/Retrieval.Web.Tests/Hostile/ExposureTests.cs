using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>The server listening on every interface (as in a container) without an API key: it must not serve at all.</summary>
public sealed class ExposedWithoutKey : HostileServer
{
    public override string? Key => null;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    protected override string Listen(int port) => $"http://0.0.0.0:{port}";

    public override ValueTask InitializeAsync()
    {
        TestServer.CopySamples(PhotoFolder);
        return new ValueTask(StartAsync());
    }
}

/// <summary>The server listening on every interface with an API key.</summary>
public sealed class ExposedWithKey : HostileServer
{
    public const string ApiKey = "exposed-key-0123456789";

    public override string? Key => ApiKey;

    protected override string Listen(int port) => $"http://0.0.0.0:{port}";
}

/// <summary>
/// Listening beyond this machine: without a key the server stops at once, saying how to set one; with one, every
/// request but the health check needs it — searches, status (which names the index folder) and files too.
/// </summary>
public sealed class ExposureTests(ExposedWithoutKey bare, ExposedWithKey keyed) : IClassFixture<ExposedWithoutKey>, IClassFixture<ExposedWithKey>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutAKey_TheServerRefusesToServe()
    {
        var exit = await bare.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exit);
        Assert.Contains("without an API key", bare.Process.Stdout + bare.Process.Stderr, StringComparison.Ordinal);
        Assert.Contains("Retrieval__Server__ApiKey", bare.Process.Stdout + bare.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAKey_EveryEndpointButHealthNeedsIt()
    {
        using var anonymous = new HttpClient { BaseAddress = keyed.Address };
        using var client = keyed.CreateClient();
        var id = await keyed.IdOfAsync(client, "000000000790.jpg");
        foreach (var url in (string[])["/api/search?q=cake", "/api/status", $"/api/images/{id}", $"/api/images/{id}/file", $"/api/images/{id}/thumbnail", "/api/timeline", "/api/timeline?month=2019-07", "/api/timeline/on-this-day", "/api/map", "/openapi/v1.json"])
        {
            using var refused = await anonymous.GetAsync(new Uri(url, UriKind.Relative), _ct);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"GET {url} without the key answered {refused.StatusCode}");
            using var allowed = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"GET {url} with the key answered {allowed.StatusCode}");
        }

        using var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
