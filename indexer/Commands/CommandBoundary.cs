using System.CommandLine;
using Microsoft.Extensions.Options;
using Retrieval.Errors;

namespace Retrieval.Cli.Commands;

/// <summary>
/// Where a command meets the user: it builds the engine from the flags, runs the command, and turns the engine's
/// errors into one line on stderr and an exit code — 1 for an error naming its input, 2 for a setting out of
/// bounds. Anything else is a bug and shows in full.
/// </summary>
internal static class CommandBoundary
{
    public static async Task<int> RunAsync(ParseResult result, Func<EngineHost, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EngineHost host;
        try
        {
            host = EngineHost.Create(result);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", e.Failures.Select(EngineHost.NameTheFlag))}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (host)
        {
            try
            {
                return await action(host).ConfigureAwait(false);
            }
            catch (RetrievalException e)
            {
                await Console.Error.WriteLineAsync($"error: {SafeConsole.Line(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled: what was committed stays; the next run goes on from there").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
    }

    /// <summary>The same, for a command with nothing to wait for.</summary>
    public static Task<int> Run(ParseResult result, Func<EngineHost, int> action) => RunAsync(result, host => Task.FromResult(action(host)));

    /// <summary>Says on stderr that the model is the bundled random-weight one, whose results are noise.</summary>
    public static void NoteIfRandom(Hosting.EngineModels models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.ModelIsRandom)
        {
            Console.Error.WriteLine("note: tiny-random-clip has random weights (it is for tests), so results are noise. Leave out --model for the default model, or give a real one (see the README).");
        }
    }
}
