using System.CommandLine;
using Retrieval.Search;

namespace Retrieval.Cli.Commands;

/// <summary>Flags that shape a command's output rather than the engine, the same in every command that has them.</summary>
internal static class CommonFlags
{
    /// <summary>--verbose, on every command: informational log lines too (which device the model runs on, a CUDA fallback).</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Say more on stderr: where the model runs, and why", Recursive = true };

    /// <summary>--json: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON" };

    /// <summary>--k: how many results, checked by the engine's own bound.</summary>
    public static Option<int?> Count(string what)
    {
        var option = new Option<int?>("--k", "-k") { Description = $"How many {what} (1 to {SearchLimits.MaxResults}; default from Retrieval:Search)" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } k)
            {
                try
                {
                    SearchLimits.ValidateCount(k);
                }
                catch (Errors.InvalidInputException e)
                {
                    result.AddError($"--{e.Message}");
                }
            }
        });
        return option;
    }
}
