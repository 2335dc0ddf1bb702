using Microsoft.AspNetCore.HttpOverrides;

namespace Retrieval.Web.Security;

/// <summary>
/// Requests that came through a proxy. Any forwarding header marks a request as forwarded, whoever sent it: a proxy
/// on this machine makes every client look local, so such a request is treated as from beyond loopback. From the
/// proxies in <see cref="ServerOptions.TrustedProxies"/> (and only those: ASP.NET trusts loopback by default), the
/// client address and scheme they report replace the connection's, so lockouts count the real client and a
/// client on https gets Secure cookies.
/// </summary>
internal static class ForwardedRequests
{
    private static readonly string[] Headers = ["X-Forwarded-For", "X-Forwarded-Host", "Forwarded"];

    private static readonly object Mark = new();

    /// <summary>Whether the request carried a forwarding header when it arrived.</summary>
    public static bool IsForwarded(HttpContext context) => context?.Items.ContainsKey(Mark) ?? false;

    /// <summary>Marks forwarded requests, then believes the trusted proxies; outermost, before anything reads the client.</summary>
    public static WebApplication UseForwardedRequests(this WebApplication app, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Use((context, next) =>
        {
            if (Headers.Any(context.Request.Headers.ContainsKey))
            {
                context.Items[Mark] = true;
            }

            return next(context);
        });
        if (options.TrustedProxies.Count == 0)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = null };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in options.TrustedProxies)
        {
            forwarded.KnownIPNetworks.Add(ProxyNetworks.Parse(entry));
        }

        app.UseForwardedHeaders(forwarded);
        return app;
    }
}
