using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>A server started with settings it must refuse: it stops at once (exit code 1) with a line saying why.</summary>
public sealed class MisconfiguredServer(IReadOnlyDictionary<string, string> settings) : ServerProcess
{
    protected override IReadOnlyDictionary<string, string> Environment => settings;

    public override ValueTask InitializeAsync()
    {
        TestServer.CopySamples(PhotoFolder);
        return new ValueTask(StartAsync());
    }
}

/// <summary>
/// Behind a reverse proxy the server listens on loopback, yet every request comes from the network: a request that
/// says it was forwarded, or names a configured host, needs the key like one from beyond loopback; a server that is
/// told of a name or a proxy does not start without a key, nor with a key short enough to guess.
/// </summary>
public sealed class ProxyTests(ProxiedServer server) : IClassFixture<ProxiedServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForwardedRequests_AndRequestsByName_NeedTheKey()
    {
        using var keyed = server.CreateClient();
        using var anonymous = server.CreateAnonymousClient();
        var id = await server.IdOfAsync(keyed, "000000000790.jpg");
        (string Header, string Value)[] forwarded =
        [
            ("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=203.0.113.7;proto=https"), ("X-Forwarded-Host", HostileServer.OwnName), ("Host", HostileServer.OwnName),
        ];
        foreach (var url in (string[])[$"/api/images/{id}", $"/api/images/{id}/file"])
        {
            foreach (var (header, value) in forwarded)
            {
                foreach (var (client, expected) in ((HttpClient, HttpStatusCode)[])[(anonymous, HttpStatusCode.Unauthorized), (keyed, HttpStatusCode.OK)])
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation(header, value);
                    using var response = await client.SendAsync(request, _ct);
                    Assert.True(response.StatusCode == expected, $"GET {url} with {header}: {value} answered {response.StatusCode}, not {expected}");
                }
            }

            // Straight from this machine, reading needs no key.
            using var direct = await anonymous.GetAsync(new Uri(url, UriKind.Relative), _ct);
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        }
    }

    [Theory]
    [InlineData("Retrieval__Server__AllowedHosts__0", "photos.example.com", "AllowedHosts")]
    [InlineData("Retrieval__Server__TrustedProxies__0", "10.0.0.1", "TrustedProxies")]
    [InlineData("Retrieval__Server__ApiKey", "short-key", "16 characters")]
    [InlineData("Retrieval__Server__ApiKey", "        spaced          ", "16 characters")]
    public async Task ANameOrAProxyWithoutAKey_OrAShortKey_StopsTheServer(string setting, string value, string reason)
    {
        await using var refused = new MisconfiguredServer(new Dictionary<string, string> { [setting] = value });
        await refused.InitializeAsync();
        var exit = await refused.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var said = refused.Process.Stdout + refused.Process.Stderr;
        Assert.True(exit == 1, $"exit code {exit}: {said}");
        Assert.Contains(reason, said, StringComparison.Ordinal);
        Assert.Contains(setting.EndsWith("ApiKey", StringComparison.Ordinal) ? "retrieval key new" : "Retrieval__Server__ApiKey", said, StringComparison.Ordinal);
    }
}
