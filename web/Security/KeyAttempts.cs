using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// Failed key attempts per client address: past <see cref="ServerOptions.MaxKeyFailuresPerMinute"/> in a minute, that
/// address is refused (429) until the minute is over, so a key cannot be guessed at network speed.
/// </summary>
internal sealed class KeyAttempts(IOptions<ServerOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, (int Failures, DateTimeOffset Since)> _failures = new();

    /// <summary>How long <paramref name="client"/> must wait before trying again; zero when it may try now.</summary>
    public TimeSpan Wait(IPAddress? client)
    {
        if (!_failures.TryGetValue(client ?? IPAddress.None, out var entry))
        {
            return TimeSpan.Zero;
        }

        var left = entry.Since + Window - clock.GetUtcNow();
        return entry.Failures >= options.Value.MaxKeyFailuresPerMinute && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Counts a failed attempt of <paramref name="client"/>.</summary>
    public void Fail(IPAddress? client)
    {
        // A connection without an address (an in-process host) counts as one client.
        client ??= IPAddress.None;
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(client, (1, now), (_, entry) => now - entry.Since > Window ? (1, now) : (entry.Failures + 1, entry.Since));
        if (_failures.Count > 10_000)
        {
            // Bounded memory: forget addresses whose window is over.
            foreach (var (address, entry) in _failures)
            {
                if (now - entry.Since > Window)
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }
}
