using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Security;

/// <summary>
/// Who may ask what. From beyond loopback (<see cref="Reach"/>) or with <see cref="KeyRule.Always"/>, every request but
/// the open paths (<see cref="ServerOptions.OpenPaths"/>, <c>/healthz</c> by default, and the page's key prompt) must
/// carry a live session or the key; a page request without either is sent to the prompt, an API request gets 401. On
/// loopback alone, only the requests that change the index (marked with <see cref="RequireKeyExtensions.RequireKey"/>)
/// need it, and only when one is set. Keys sent are guesses until checked, within <see cref="KeyAttempts"/> (429
/// beyond); a session cookie is not a guess, so a stale one never locks a browser out.
/// </summary>
internal sealed class KeyGuard(RequestDelegate next, IOptions<ServerOptions> options, AccessKey key, Sessions sessions, KeyAttempts attempts, Reach reach)
{
    /// <summary>The page's key prompt and what it loads: open, so a browser without a session can get one.</summary>
    public static readonly IReadOnlyList<string> PromptPaths = ["/login.html", "/login.js", "/style.css", "/favicon.svg", "/api/session"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        var everywhere = options.Value.RequireKey == KeyRule.Always || reach.BeyondLoopback(context);
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
                await Refuse(context, StatusCodes.Status403Forbidden,
                    "this request comes from beyond this machine (the server listens there, or a proxy forwarded it) and the server has no API key: set Retrieval:Server:ApiKey").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false); // loopback alone, no key set: the machine's own users may change the index
            return;
        }

        if (sessions.Holds(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (AccessKey.Sent(context.Request) is { } sent)
        {
            await CheckAsync(context, sent).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path is "/" or "/index.html")
        {
            context.Response.Redirect("/login.html");
            return;
        }

        await Unauthorized(context).ConfigureAwait(false);
    }

    /// <summary>The key sent, checked within the budget of guesses.</summary>
    private async Task CheckAsync(HttpContext context, string sent)
    {
        var client = context.Connection.RemoteIpAddress;
        if (!attempts.TryAdmit(client, out var wait))
        {
            await TooManyGuesses(context, wait).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!key.IsKey(sent))
        {
            await Unauthorized(context).ConfigureAwait(false);
            return;
        }

        attempts.Right(client);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The answer to a key that will not be checked for <paramref name="wait"/>.</summary>
    public static ProblemHttpResult TooManyGuesses(HttpContext context, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Problems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "too many wrong keys from this address, or from everywhere: wait a minute");
    }

    private static Task Unauthorized(HttpContext context) =>
        Refuse(context, StatusCodes.Status401Unauthorized, $"this server needs its API key: send it in the {AccessKey.Header} header (or sign in on the page)");

    private static Task Refuse(HttpContext context, int status, string detail) =>
        Problems.Problem(status, status == 401 ? "Unauthorized" : "Forbidden", detail).ExecuteAsync(context);
}
