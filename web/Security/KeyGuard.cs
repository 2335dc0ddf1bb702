using System.Globalization;
using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Who may ask what. Beyond loopback (or with <see cref="KeyRule.Always"/>), every request but the open paths
/// (<see cref="ServerOptions.OpenPaths"/>, <c>/healthz</c> by default, and the page's key prompt) must carry the key
/// or the session cookie; a page request without one is sent to the prompt, an API request gets 401. On loopback
/// alone, only the requests that change the index (marked with <see cref="RequireKeyExtensions.RequireKey"/>) need it,
/// and only when one is set. Failed attempts count against the client (<see cref="KeyAttempts"/>, then 429).
/// </summary>
internal sealed class KeyGuard(RequestDelegate next, IOptions<ServerOptions> options, AccessKey key, KeyAttempts attempts, Listening listening)
{
    /// <summary>The page's key prompt and what it loads: open, so a browser without a session can get one.</summary>
    public static readonly IReadOnlyList<string> PromptPaths = ["/login.html", "/login.js", "/style.css", "/favicon.svg", "/api/session"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        var everywhere = options.Value.RequireKey == KeyRule.Always || (options.Value.RequireKey == KeyRule.Auto && listening.BeyondLoopback);
        var changes = context.GetEndpoint()?.Metadata.GetMetadata<KeyRequiredMetadata>() is not null;
        var open = options.Value.OpenPaths.Contains(path, StringComparer.OrdinalIgnoreCase) || PromptPaths.Contains(path, StringComparer.OrdinalIgnoreCase);
        if (open || !(everywhere || changes))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!key.IsSet)
        {
            if (everywhere)
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "the server listens beyond this machine without an API key: set Retrieval:Server:ApiKey").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false); // loopback alone, no key set: the machine's own users may change the index
            return;
        }

        var client = context.Connection.RemoteIpAddress;
        if (attempts.Wait(client) is { } wait && wait > TimeSpan.Zero)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Refuse(context, StatusCodes.Status429TooManyRequests, "too many wrong keys from this address: wait a minute").ConfigureAwait(false);
            return;
        }

        if (key.Carries(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers[AccessKey.Header].Count > 0 || context.Request.Cookies.ContainsKey(AccessKey.Cookie))
        {
            attempts.Fail(client);
        }

        if (HttpMethods.IsGet(context.Request.Method) && path is "/" or "/index.html")
        {
            context.Response.Redirect("/login.html");
            return;
        }

        await Refuse(context, StatusCodes.Status401Unauthorized,
            $"this server needs its API key: send it in the {AccessKey.Header} header (or sign in on the page)").ConfigureAwait(false);
    }

    private static Task Refuse(HttpContext context, int status, string detail) =>
        Problems.Problem(status, status switch { 401 => "Unauthorized", 403 => "Forbidden", _ => "Too many requests" }, detail).ExecuteAsync(context);
}
