using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Refuses requests that change something or send a body (every method but GET, HEAD and OPTIONS) when a browser
/// says they come from another site: <c>Sec-Fetch-Site</c> other than same-origin or none, or an <c>Origin</c> that is
/// not this server's (403). With CORS closed, a page elsewhere can then neither read from the server nor make it
/// work for it. Clients that are not browsers send neither header and pass (the API key guards them).
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || !CrossSite(request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
            "this request comes from another site's page; the server takes changes and uploads only from its own").ExecuteAsync(context).ConfigureAwait(false);
    }

    private static bool CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
