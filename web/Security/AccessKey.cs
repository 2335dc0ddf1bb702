using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// The API key (<see cref="ServerOptions.ApiKey"/>), sent in the <see cref="Header"/> header; the page trades it once
/// for a session (<see cref="Sessions"/>). It compares in fixed time.
/// </summary>
internal sealed class AccessKey(IOptions<ServerOptions> options)
{
    public const string Header = "X-Api-Key";

    /// <summary>
    /// The shortest key the server starts with: with the guess budget (<see cref="KeyAttempts"/>) at 30 a minute, 16
    /// characters even of lower-case letters alone take longer than the universe's age to guess.
    /// </summary>
    public const int MinLength = 16;

    /// <summary>Whether a key is configured.</summary>
    public bool IsSet => options.Value.ApiKey is { Length: > 0 };

    /// <summary>Whether the configured key is too short to resist guessing (white space does not count: headers lose it at the ends).</summary>
    public bool IsTooShort => options.Value.ApiKey is { Length: > 0 } key && Strength(key) < MinLength;

    /// <summary>The characters of <paramref name="key"/> that count towards <see cref="MinLength"/>: all but white space.</summary>
    public static int Strength(string key) => key.Count(c => !char.IsWhiteSpace(c));

    /// <summary>The key <paramref name="request"/> sends in <see cref="Header"/>, if any (a guess until checked).</summary>
    public static string? Sent(HttpRequest request) =>
        request?.Headers[Header].ToString() is { Length: > 0 } given ? given : null;

    /// <summary>Whether <paramref name="given"/> is the key.</summary>
    public bool IsKey(string given) =>
        options.Value.ApiKey is { Length: > 0 } key && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
}
