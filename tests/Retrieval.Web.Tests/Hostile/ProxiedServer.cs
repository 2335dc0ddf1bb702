using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The server behind a reverse proxy on this machine (Retrieval:Server:TrustedProxies = 127.0.0.1): the test
/// client plays the proxy, saying with <c>X-Forwarded-For</c> which client a request comes from, so one process can
/// be asked by many addresses; helpers for the page's sign-in.
/// </summary>
public sealed class ProxiedServer : HostileServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Retrieval__Server__TrustedProxies__0"] = "127.0.0.1" };

    /// <summary>A client without the key, that keeps no cookies (each request says which it carries).</summary>
    public HttpClient CreateAnonymousClient() => new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client without the key whose connections come from <paramref name="source"/> (any 127.x address on Linux).</summary>
    public HttpClient CreateClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = Address };

    /// <summary>
    /// <c>POST /api/session</c> with <paramref name="key"/>, forwarded for <paramref name="client"/> (null: straight
    /// from this machine); the answer's status and its session cookie (<c>name=value</c>), if it set one.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string? Cookie, string? SetCookie)> SignInAsync(HttpClient http, string key, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { key }) };
        ForwardFor(request, client);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var set = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : null;
        return (response.StatusCode, set?.Split(';')[0], set);
    }

    /// <summary>Says, as the proxy, that <paramref name="request"/> comes from <paramref name="client"/> (null: leaves it direct).</summary>
    public static void ForwardFor(HttpRequestMessage request, string? client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (client is not null)
        {
            request.Headers.Add("X-Forwarded-For", client);
        }
    }
}
