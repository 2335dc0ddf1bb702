using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Retrieval.Web.Security;

/// <summary>
/// The page's sessions: each sign-in gets its own random 256-bit token in an HttpOnly, SameSite=Strict cookie, kept
/// in this process's memory only (a restart, and with it a key change, ends every session) for 30 days; signing out
/// revokes it. At most <see cref="MaxCount"/> live at once: past that, the ones closest to expiring go first.
/// </summary>
internal sealed class Sessions(TimeProvider clock)
{
    public const string Cookie = "retrieval-session";

    public const int MaxCount = 10_000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    // Keyed by the token's hash, so neither a lookup's timing nor a memory dump gives a token away.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>Starts a session and sets its cookie on the response (Secure when the client came over https).</summary>
    public void Start(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        Trim();
        _expiries[Hash(token)] = clock.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(Cookie, token, Options(http.Request.IsHttps, Lifetime));
    }

    /// <summary>Whether <paramref name="request"/> carries a live session (checking one is not a key guess: tokens cannot be guessed).</summary>
    public bool Holds(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies[Cookie] is { Length: > 0 } token
            && _expiries.TryGetValue(Hash(token), out var expiry)
            && expiry > clock.GetUtcNow();
    }

    /// <summary>Revokes the request's session, if any, and clears its cookie.</summary>
    public void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is { Length: > 0 } token)
        {
            _expiries.TryRemove(Hash(token), out _);
        }

        http.Response.Cookies.Delete(Cookie, Options(http.Request.IsHttps, maxAge: null));
    }

    private void Trim()
    {
        if (_expiries.Count < MaxCount)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (hash, _) in _expiries.Where(entry => entry.Value <= now).ToList())
        {
            _expiries.TryRemove(hash, out _);
        }

        foreach (var (hash, _) in _expiries.OrderBy(entry => entry.Value).Take(_expiries.Count - MaxCount + 1).ToList())
        {
            _expiries.TryRemove(hash, out _);
        }
    }

    private static CookieOptions Options(bool secure, TimeSpan? maxAge) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = "/", MaxAge = maxAge, IsEssential = true,
    };

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
