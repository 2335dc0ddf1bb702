using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// Whether a request comes from beyond this machine: the server listens beyond loopback, or the request was
/// forwarded by a proxy (<see cref="ForwardedRequests"/>), or it names the server by one of
/// <see cref="ServerOptions.AllowedHosts"/> (the name other machines reach it by; a proxy that sends no forwarding
/// header still passes the name on).
/// </summary>
internal sealed class Reach(Listening listening, IOptions<ServerOptions> options)
{
    public bool BeyondLoopback(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return listening.BeyondLoopback
            || ForwardedRequests.IsForwarded(context)
            || HostNames.IsConfigured(context.Request.Host.Host, options.Value.AllowedHosts);
    }
}
