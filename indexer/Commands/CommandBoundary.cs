using Microsoft.Extensions.Logging;
using Retrieval.Errors;

namespace Retrieval.Indexer.Commands;

/// <summary>Where a command meets the user: engine errors become one line on stderr and exit code 1.</summary>
internal static class CommandBoundary
{
    /// <summary>Warnings (such as the CUDA fallback) go to stderr, so stdout stays clean for --json.</summary>
    public static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(options => options.SingleLine = true)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));

    public static int Run(Func<ILoggerFactory, int> action)
    {
        using var loggers = CreateLoggerFactory();
        try
        {
            return action(loggers);
        }
        catch (RetrievalException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    public static async Task<int> RunAsync(Func<ILoggerFactory, Task<int>> action)
    {
        using var loggers = CreateLoggerFactory();
        try
        {
            return await action(loggers).ConfigureAwait(false);
        }
        catch (RetrievalException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: what was committed stays; the next run goes on from there");
            return ExitCodes.Failed;
        }
    }
}
