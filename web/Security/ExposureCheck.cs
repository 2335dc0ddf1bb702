namespace Retrieval.Web.Security;

/// <summary>
/// Safe by default: a server that listens beyond this machine (or is told to want a key always) without an API key
/// stops at once, saying how to set one, rather than serve a private library to the network.
/// </summary>
internal sealed partial class ExposureCheck(IHostApplicationLifetime lifetime, Listening listening, AccessKey key, Microsoft.Extensions.Options.IOptions<ServerOptions> options, ILogger<ExposureCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if ((listening.BeyondLoopback || options.Value.RequireKey == KeyRule.Always) && !key.IsSet)
            {
                LogExposedWithoutKey(logger, listening.Addresses);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3200, EventName = "ExposedWithoutKey", Level = LogLevel.Critical,
        Message = "The server listens beyond this machine ({Addresses}) without an API key, and stops: set Retrieval:Server:ApiKey (environment Retrieval__Server__ApiKey), or listen on 127.0.0.1")]
    private static partial void LogExposedWithoutKey(ILogger logger, string addresses);
}
