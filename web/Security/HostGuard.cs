using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Refuses requests whose Host is a name this server does not go by (421): against DNS rebinding, where a page on a
/// domain the attacker makes resolve to 127.0.0.1 would otherwise talk to this server as its own origin. Allowed:
/// <c>localhost</c> and its subdomains, IP addresses (a rebinding page always uses a name), and the names listed in
/// <see cref="ServerOptions.AllowedHosts"/> (<c>photos.example.com</c>, <c>*.example.com</c>), which come from beyond
/// this machine (<see cref="Reach"/>).
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
            $"this server does not answer to the host name '{Shorten(host)}'; allow it with Retrieval:Server:AllowedHosts (requests by that name then need the API key)").ExecuteAsync(context).ConfigureAwait(false);
    }

    private static bool Allowed(string host, IReadOnlyList<string> configured) =>
        host.Length > 0 && (HostNames.IsLocalOrAddress(host) || HostNames.IsConfigured(host, configured));

    private static string Shorten(string host) => host.Length <= 100 ? host : string.Concat(host.AsSpan(0, 97), "...");
}
