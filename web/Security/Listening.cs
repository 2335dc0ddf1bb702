using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Retrieval.Web.Security;

/// <summary>Where the server listens: whether any address it is bound to (or configured for) reaches beyond this machine.</summary>
internal sealed class Listening(IServer server, IConfiguration configuration)
{
    /// <summary>Whether the server listens on an address other machines can reach (a container, <c>--urls http://0.0.0.0:...</c>).</summary>
    public bool BeyondLoopback
    {
        get
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } bound
                ? bound
                : (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return addresses.Any(address => !IsLoopback(address))
                || (addresses.Count == 0 && !string.IsNullOrEmpty(configuration["ASPNETCORE_HTTP_PORTS"] ?? configuration["ASPNETCORE_HTTPS_PORTS"]));
        }
    }

    /// <summary>The addresses, for messages.</summary>
    public string Addresses => string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    private static bool IsLoopback(string address)
    {
        // http://+:80, http://*:80 and http://0.0.0.0:80 mean every interface.
        var host = Uri.TryCreate(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : address;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
