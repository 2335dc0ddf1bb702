using System.Net;
using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Refuses requests whose Host is a name this server does not go by (421): against DNS rebinding, where a page on a
/// domain the attacker makes resolve to 127.0.0.1 would otherwise talk to this server as its own origin. Allowed:
/// <c>localhost</c> and its subdomains, IP addresses (a rebinding page always uses a name), and the names listed in
/// <see cref="ServerOptions.AllowedHosts"/> (<c>photos.example.com</c>, <c>*.example.com</c>).
/// </summary>
internal sealed class HostGuard(RequestDelegate next, IOptions<ServerOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Request.Host.Host;
        if (Allowed(host, options.Value.AllowedHosts))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await Problems.Problem(StatusCodes.Status421MisdirectedRequest, "Misdirected request",
            $"this server does not answer to the host name '{Shorten(host)}'; allow it with Retrieval:Server:AllowedHosts").ExecuteAsync(context).ConfigureAwait(false);
    }

    private static bool Allowed(string host, IReadOnlyList<string> configured)
    {
        if (host.Length == 0)
        {
            return false;
        }

        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(name.Trim('[', ']'), out _)
            || configured.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
                : name.Equals(allowed, StringComparison.OrdinalIgnoreCase));
    }

    private static string Shorten(string host) => host.Length <= 100 ? host : string.Concat(host.AsSpan(0, 97), "...");
}
