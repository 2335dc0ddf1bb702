using System.CommandLine.Parsing;
using Retrieval.Errors;

namespace Retrieval.Cli.Commands;

/// <summary>Checks on option values that the commands share, each a usage error (exit code 2) naming the option.</summary>
internal static class OptionRules
{
    /// <summary>The option's integer value must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Range(OptionResult result, int min, int max, string name)
    {
        if (result.GetValueOrDefault<int>() is var value && (value < min || value > max))
        {
            result.AddError($"{name} must be from {min} to {max}");
        }
    }

    /// <summary>
    /// The option's value, when given, must pass the engine's own check <paramref name="check"/>, so a bound is
    /// written once; its refusal is the usage error, after the option's name.
    /// </summary>
    public static void ByEngine<T>(OptionResult result, Action<T> check)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(check);
        if (result.GetValueOrDefault<T?>() is { } value)
        {
            try
            {
                check(value);
            }
            catch (InvalidInputException e)
            {
                result.AddError($"{result.Option.Name}: {e.Message}");
            }
        }
    }

    /// <summary>The option's value, when given, must lie in [0, 1].</summary>
    public static void Fraction(OptionResult result, string name)
    {
        if (result.GetValueOrDefault<double?>() is { } value && !(value is >= 0 and <= 1))
        {
            result.AddError($"{name} must be from 0 to 1");
        }
    }
}
