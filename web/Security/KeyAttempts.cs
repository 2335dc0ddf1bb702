using System.Net;
using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// The budget of wrong keys: past <see cref="ServerOptions.MaxKeyFailuresPerMinute"/> in a minute from one client
/// (<see cref="ClientNetwork"/>: an address, an IPv6 /64), that client is refused (429) until its minute is over; past
/// <see cref="ServerOptions.MaxKeyFailuresPerMinuteTotal"/> from all clients together, every key is, so that rotating
/// addresses cannot buy more guesses. A refused key is not checked at all.
/// </summary>
internal sealed class KeyAttempts(IOptions<ServerOptions> options, TimeProvider clock)
{
    private const int MaxClients = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, FailureWindow> _clients = [];
    private FailureWindow _total;

    /// <summary>
    /// Whether a key from <paramref name="client"/> may be checked now; if not, <paramref name="wait"/> says for how long.
    /// An admitted key counts as wrong until <see cref="Right"/> says otherwise, so that guesses sent at once cannot
    /// overrun the budget between their check and their count.
    /// </summary>
    public bool TryAdmit(IPAddress? client, out TimeSpan wait)
    {
        var network = ClientNetwork.Of(client);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var own = _clients.GetValueOrDefault(network);
            wait = TimeSpan.FromTicks(Math.Max(own.Wait(now, options.Value.MaxKeyFailuresPerMinute).Ticks, _total.Wait(now, options.Value.MaxKeyFailuresPerMinuteTotal).Ticks));
            if (wait > TimeSpan.Zero)
            {
                return false;
            }

            _total = _total.Add(now, 1);
            _clients[network] = own.Add(now, 1);
            Forget(now);
            return true;
        }
    }

    /// <summary>The admitted key of <paramref name="client"/> was right: it does not count.</summary>
    public void Right(IPAddress? client)
    {
        var network = ClientNetwork.Of(client);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            _total = _total.Add(now, -1);
            if (_clients.TryGetValue(network, out var own))
            {
                _clients[network] = own.Add(now, -1);
            }
        }
    }

    /// <summary>Bounded memory: past <see cref="MaxClients"/>, forget the clients whose window is over.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_clients.Count > MaxClients)
        {
            foreach (var network in _clients.Where(entry => entry.Value.IsOver(now)).Select(entry => entry.Key).ToList())
            {
                _clients.Remove(network);
            }
        }
    }

    /// <summary>Failures counted since the start of a one-minute window (none yet: the default).</summary>
    private readonly record struct FailureWindow(int Failures, DateTimeOffset Since)
    {
        public bool IsOver(DateTimeOffset now) => now - Since > Window;

        public FailureWindow Add(DateTimeOffset now, int failures) =>
            IsOver(now) ? new(Math.Max(0, failures), now) : this with { Failures = Math.Max(0, Failures + failures) };

        public TimeSpan Wait(DateTimeOffset now, int budget) =>
            Failures >= budget && !IsOver(now) ? Since + Window - now : TimeSpan.Zero;
    }
}
