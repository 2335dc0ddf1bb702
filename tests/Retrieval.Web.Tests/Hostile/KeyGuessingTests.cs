using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// Guessing the key from many addresses: each address (an IPv6 /64 as one) has its own budget of wrong keys, and all
/// of them together one more (30 a minute), so rotating addresses buys no more guesses; behind a trusted proxy the
/// budget is the real client's, so one attacker does not lock the proxy's other users out. A signed-in browser is
/// not guessing: its session keeps serving while the budget is spent.
/// </summary>
public sealed class KeyGuessingTests(ProxiedServer server) : IClassFixture<ProxiedServer>
{
    private const string Attacker = "203.0.113.7";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongKeys_AreBudgetedPerAddressAndAcrossAll_TheRightKeyElsewhereStillSignsIn()
    {
        using var client = server.CreateAnonymousClient();
        for (var guess = 0; guess < 10; guess++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProxiedServer.SignInAsync(client, $"guess-{guess}", Attacker)).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProxiedServer.SignInAsync(client, "guess-10", Attacker)).Status);
        var user = await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "198.51.100.20");
        Assert.True(user.Status == HttpStatusCode.NoContent, $"the right key from another client behind the proxy answered {user.Status}");

        // An IPv6 /64 is one address: its hosts share one budget; the next /64 has its own.
        for (var host = 1; host <= 10; host++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProxiedServer.SignInAsync(client, $"guess-{host}", $"2001:db8::{host:x}")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "2001:db8::99")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await ProxiedServer.SignInAsync(client, HostileServer.OwnKey, "2001:db8:0:1::1")).Status);

        // 20 wrong keys checked so far: 40 addresses of this machine's own (not proxies) with 10 guesses each get 10 more checked.
        var answers = new List<HttpStatusCode>();
        for (var address = 2; address < 42; address++)
        {
            using var rotated = server.CreateClientFrom(IPAddress.Parse($"127.0.0.{address}"));
            for (var guess = 0; guess < 10; guess++)
            {
                answers.Add((await ProxiedServer.SignInAsync(rotated, $"guess-{address}-{guess}")).Status);
            }
        }

        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(390, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        using var fresh = server.CreateClientFrom(IPAddress.Parse("127.0.0.99"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProxiedServer.SignInAsync(fresh, HostileServer.OwnKey)).Status);

        // The browser that signed in before is not guessing: its session still serves.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        ProxiedServer.ForwardFor(request, "198.51.100.20");
        request.Headers.Add("Cookie", user.Cookie);
        using var status = await client.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
