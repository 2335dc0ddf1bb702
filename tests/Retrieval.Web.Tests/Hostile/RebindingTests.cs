using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// DNS rebinding: a page on a domain its owner points at 127.0.0.1 talks to the server as its own origin. Requests for
/// a host name the server does not go by are refused (421) before anything runs; its own names and IP addresses pass.
/// </summary>
public sealed class RebindingTests(HostileServer server) : IClassFixture<HostileServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AForeignHostName_IsRefusedForEveryRequest_OwnNamesAndAddressesPass()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, "000000000790.jpg");
        (HttpMethod, string, HttpContent?)[] attacks =
        [
            (HttpMethod.Post, "/api/index", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")),
            (HttpMethod.Delete, $"/api/images/{id}", null),
            (HttpMethod.Get, $"/api/images/{id}/file", null),
            (HttpMethod.Get, "/api/search?q=cake", null),
            (HttpMethod.Get, "/", null),
        ];
        foreach (var (method, url, content) in attacks)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Host = "evil.example";
            using var response = await client.SendAsync(request, _ct);
            Assert.True(response.StatusCode == HttpStatusCode.MisdirectedRequest, $"{method} {url} with Host evil.example answered {response.StatusCode}");
        }

        // Nothing was deleted, and the photo is still served to its own names.
        foreach (var host in (string[])["localhost", $"127.0.0.1:{server.Address.Port}", HostileServer.OwnName, "app.localhost"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{id}/file");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request, _ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Host {host} answered {response.StatusCode}");
        }
    }
}
