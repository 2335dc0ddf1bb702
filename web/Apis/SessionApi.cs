using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Web.Contracts;
using Retrieval.Web.Security;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>POST /api/session</c> (JSON <c>{"key": "..."}</c>): the page's sign-in, which trades the API key once for an
/// HttpOnly, SameSite=Strict session cookie; <c>DELETE /api/session</c> signs out. Wrong keys count against the client.
/// </summary>
internal static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/session", SignIn).WithName("SignIn").WithSummary("Trades the API key for a session cookie (the page asks for the key once)");
        routes.MapDelete("/api/session", SignOut).WithName("SignOut").WithSummary("Ends the session");
        return routes;
    }

    private static Results<NoContent, ProblemHttpResult> SignIn(SessionRequest request, HttpContext http, AccessKey key, KeyAttempts attempts)
    {
        var client = http.Connection.RemoteIpAddress;
        if (attempts.Wait(client) is { } wait && wait > TimeSpan.Zero)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Problems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "too many wrong keys from this address: wait a minute");
        }

        if (!key.IsSet)
        {
            return Problems.BadRequest("this server has no API key to sign in with (Retrieval:Server:ApiKey)");
        }

        if (!key.IsKey(request.Key ?? ""))
        {
            attempts.Fail(client);
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "that is not the server's API key");
        }

        key.StartSession(http.Response, http.Request.IsHttps);
        return TypedResults.NoContent();
    }

    private static NoContent SignOut(HttpContext http)
    {
        http.Response.Cookies.Delete(AccessKey.Cookie, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
        return TypedResults.NoContent();
    }
}
