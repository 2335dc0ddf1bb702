using System.Net;
using System.Text;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The page's sessions: each sign-in gets its own random token, which signing out revokes; a stale cookie is not a
/// key guess; behind a TLS proxy the cookie is Secure. Sign-in bodies are small, refused (413) from their announced
/// length before a byte is read, and a locked-out client is refused before its body is read at all.
/// </summary>
public sealed class SessionTests(ProxiedServer server) : IClassFixture<ProxiedServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachSignIn_GetsItsOwnSession_WhichSigningOutRevokes()
    {
        using var client = server.CreateAnonymousClient();
        var phone = await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "198.51.100.1");
        var laptop = await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "198.51.100.2");
        Assert.Equal(HttpStatusCode.NoContent, phone.Status);
        Assert.NotEqual(phone.Cookie, laptop.Cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(client, phone.Cookie));

        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session"))
        {
            ProxiedServer.ForwardFor(signOut, "198.51.100.1");
            signOut.Headers.Add("Cookie", phone.Cookie);
            using var answer = await client.SendAsync(signOut, _ct);
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(client, phone.Cookie));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(client, laptop.Cookie));
    }

    [Fact]
    public async Task AStaleCookie_IsNotAKeyGuess()
    {
        using var client = server.CreateAnonymousClient();
        // On loopback a delete needs the key (it changes the index): a stale session is refused, never counted.
        for (var attempt = 0; attempt < 15; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/images/999999");
            request.Headers.Add("Cookie", $"retrieval-session=stale-{attempt}");
            using var response = await client.SendAsync(request, _ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await ProxiedServer.SignInAsync(client, HostileServer.OwnKey)).Status);
    }

    [Fact]
    public async Task BehindATlsProxy_TheCookieIsSecure()
    {
        using var client = server.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = System.Net.Http.Json.JsonContent.Create(new { key = HostileServer.OwnKey }) };
        ProxiedServer.ForwardFor(request, "198.51.100.3");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        var plain = await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "198.51.100.3");
        Assert.DoesNotContain("secure", plain.SetCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInBodiesOver16KB_Are413_BeforeTheyArrive()
    {
        using var client = server.CreateAnonymousClient();
        var padded = $"{{\"key\": \"{new string('k', 17 << 10)}\"}}";
        using (var large = await client.PostAsync(new Uri("/api/session", UriKind.Relative), new StringContent(padded, Encoding.UTF8, "application/json"), _ct))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        }

        // Without a length: cut off at the limit while it arrives.
        using (var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(padded))) })
        {
            chunked.Content.Headers.ContentType = new("application/json");
            chunked.Headers.TransferEncodingChunked = true;
            using var answer = await client.SendAsync(chunked, _ct);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        }

        // 48 clients announcing 20 MB each, sending none of it: each is refused at once from its headers.
        var announced = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ =>
            HostileInputs.HeadOnlyAsync(server.Address, "/api/session", "", 20 << 20, TimeSpan.FromSeconds(10))));
        Assert.All(announced, line => Assert.Equal("HTTP/1.1 413 Payload Too Large", line));
    }

    [Fact]
    public async Task ALockedOutClient_IsRefusedBeforeItsBodyIsRead()
    {
        using var client = server.CreateAnonymousClient();
        const string Guesser = "203.0.113.50";
        for (var guess = 0; guess < 10; guess++)
        {
            await ProxiedServer.SignInAsync(client, $"guess-{guess}", Guesser);
        }

        var line = await HostileInputs.HeadOnlyAsync(server.Address, "/api/session", $"X-Forwarded-For: {Guesser}\r\n", 100, TimeSpan.FromSeconds(10));
        Assert.Equal("HTTP/1.1 429 Too Many Requests", line);
    }

    /// <summary><c>GET /api/status</c> through the proxy (so it needs the key or a session) with <paramref name="cookie"/>.</summary>
    private async Task<HttpStatusCode> StatusWithAsync(HttpClient client, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        ProxiedServer.ForwardFor(request, "198.51.100.9");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, _ct);
        return response.StatusCode;
    }
}
