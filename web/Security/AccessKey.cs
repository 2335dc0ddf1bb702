using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// The API key (<see cref="ServerOptions.ApiKey"/>) and the session the page keeps instead of it: an HttpOnly,
/// SameSite=Strict cookie whose value is derived from the key (an HMAC), so the cookie never holds the key itself
/// and changing the key ends every session. Both compare in fixed time.
/// </summary>
internal sealed class AccessKey(IOptions<ServerOptions> options)
{
    public const string Header = "X-Api-Key";

    public const string Cookie = "retrieval-session";

    /// <summary>Whether a key is configured.</summary>
    public bool IsSet => options.Value.ApiKey is { Length: > 0 };

    /// <summary>Whether <paramref name="request"/> carries the key (header) or a session made with it (cookie).</summary>
    public bool Carries(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.ApiKey is not { Length: > 0 } key)
        {
            return false;
        }

        return request.Headers[Header].ToString() is { Length: > 0 } given
            ? Same(given, key)
            : request.Cookies[Cookie] is { Length: > 0 } session && Same(session, SessionToken(key));
    }

    /// <summary>Whether <paramref name="given"/> is the key.</summary>
    public bool IsKey(string given) => options.Value.ApiKey is { Length: > 0 } key && Same(given, key);

    /// <summary>Sets the session cookie on <paramref name="response"/>.</summary>
    public void StartSession(HttpResponse response, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Cookie, SessionToken(options.Value.ApiKey!), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = "/", MaxAge = TimeSpan.FromDays(30), IsEssential = true,
        });
    }

    private static string SessionToken(string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), "retrieval-session-v1"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
