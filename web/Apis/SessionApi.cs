using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Web.Contracts;
using Retrieval.Web.Security;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>POST /api/session</c> (JSON <c>{"key": "..."}</c>): the page's sign-in, which trades the API key once for a
/// session cookie of its own (<see cref="Sessions"/>); <c>DELETE /api/session</c> signs out, revoking it. Open to
/// anyone, so it spends nothing before it must: a body announced over <see cref="MaxBodyBytes"/> is refused (413) from
/// its headers, a client out of guesses (429) before its body is read, and a body without a length is cut off at the limit.
/// </summary>
internal static class SessionApi
{
    /// <summary>The largest sign-in body: a key and its JSON, with room to spare.</summary>
    public const int MaxBodyBytes = JsonBody.MaxBytes;

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/session", SignInAsync).WithName("SignIn").WithSummary("Trades the API key for a session cookie (the page asks for the key once)")
            .Accepts<SessionRequest>("application/json");
        routes.MapDelete("/api/session", SignOut).WithName("SignOut").WithSummary("Ends the session: its cookie no longer serves");
        return routes;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(HttpContext http, AccessKey key, Sessions sessions, KeyAttempts attempts)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problems.TooLarge($"a sign-in body is at most {MaxBodyBytes:N0} bytes"); // from the header alone: spends no guess and reads nothing
        }

        var client = http.Connection.RemoteIpAddress;
        if (!attempts.TryAdmit(client, out var wait))
        {
            return KeyGuard.TooManyGuesses(http, wait);
        }

        // Admitted, the attempt counts as a wrong key until the key is found right: a body that never makes it there spends a guess.
        var given = await ReadKeyAsync(http).ConfigureAwait(false);
        if (given.Problem is { } problem)
        {
            return problem;
        }

        if (!key.IsSet)
        {
            return Problems.BadRequest("this server has no API key to sign in with (Retrieval:Server:ApiKey)");
        }

        if (!key.IsKey(given.Key ?? ""))
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "that is not the server's API key");
        }

        attempts.Right(client);
        sessions.Start(http);
        return TypedResults.NoContent();
    }

    /// <summary>The key in the body, read within <see cref="MaxBodyBytes"/>, or the problem to answer.</summary>
    private static async Task<(string? Key, ProblemHttpResult? Problem)> ReadKeyAsync(HttpContext http)
    {
        var (request, problem) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.SessionRequest, "{\"key\": \"...\"}").ConfigureAwait(false);
        return (request?.Key, problem);
    }

    private static NoContent SignOut(HttpContext http, Sessions sessions)
    {
        sessions.End(http);
        return TypedResults.NoContent();
    }
}
