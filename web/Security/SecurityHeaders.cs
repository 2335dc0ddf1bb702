namespace Retrieval.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows only this server's own scripts, styles and
/// images (no inline script), no MIME sniffing, no framing, no referrer leaks, no embedding by other sites.
/// </summary>
internal static class SecurityHeaders
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // No other site may embed the photos, thumbnails or answers (an <img> or <script> elsewhere gets nothing).
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });
}
