using Microsoft.Extensions.Options;

namespace Retrieval.Web.Security;

/// <summary>
/// Safe by default: a server that other machines can reach (it listens beyond this machine, is given a name or a
/// proxy to answer through, or is told to want a key always) without an API key, or with a key short enough to
/// guess, stops at once saying why and what to do, rather than serve a private library to the network.
/// </summary>
internal sealed partial class ExposureCheck(IHostApplicationLifetime lifetime, Listening listening, AccessKey key, IOptions<ServerOptions> options, ILogger<ExposureCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (key.IsTooShort)
            {
                var strength = AccessKey.Strength(options.Value.ApiKey!);
                LogKeyTooShort(logger, strength, AccessKey.MinLength);
                Stop();
            }
            else if (!key.IsSet && Reasons() is { Count: > 0 } reasons)
            {
                LogExposedWithoutKey(logger, reasons);
                Stop();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Why other machines can reach this server (none: only this machine can).</summary>
    private List<string> Reasons()
    {
        var server = options.Value;
        List<string> reasons = [];
        if (listening.BeyondLoopback)
        {
            reasons.Add($"it listens on {listening.Addresses}");
        }

        if (server.AllowedHosts.Count > 0)
        {
            reasons.Add($"Retrieval:Server:AllowedHosts names {string.Join(", ", server.AllowedHosts)}");
        }

        if (server.TrustedProxies.Count > 0)
        {
            reasons.Add($"Retrieval:Server:TrustedProxies names {string.Join(", ", server.TrustedProxies)}");
        }

        if (server.RequireKey == KeyRule.Always)
        {
            reasons.Add("Retrieval:Server:RequireKey is Always");
        }

        return reasons;
    }

    private void Stop()
    {
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 3200, EventName = "ExposedWithoutKey", Level = LogLevel.Critical,
        Message = "The server can be reached beyond this machine ({Reasons}) without an API key, and stops: set Retrieval:Server:ApiKey (environment Retrieval__Server__ApiKey; `retrieval key new` makes one), or listen on 127.0.0.1 alone")]
    private static partial void LogExposedWithoutKey(ILogger logger, IReadOnlyList<string> reasons);

    [LoggerMessage(EventId = 3201, EventName = "KeyTooShort", Level = LogLevel.Critical,
        Message = "The API key (Retrieval:Server:ApiKey) has {Length} characters besides white space, and the server stops: a key needs at least {MinLength} characters to resist guessing; `retrieval key new` makes one")]
    private static partial void LogKeyTooShort(ILogger logger, int length, int minLength);
}
