using System.CommandLine;

namespace Retrieval.Cli.Commands;

/// <summary>A flag that sets one configuration key of the engine.</summary>
internal interface ISetting
{
    /// <summary>The flag.</summary>
    Option Option { get; }

    /// <summary>The configuration key it sets, such as <c>Retrieval:Index:Root</c>.</summary>
    string Key { get; }

    /// <summary>The value given on the command line, as configuration text; null when the flag was not given.</summary>
    string? Given(ParseResult result);
}

/// <summary>A flag of type <typeparamref name="T"/> that sets configuration key <see cref="Key"/>.</summary>
internal sealed class Setting<T>(Option<T> option, string key, Func<T, string?> format) : ISetting
{
    /// <inheritdoc />
    public Option Option => option;

    /// <summary>The flag, typed.</summary>
    public Option<T> Typed => option;

    /// <inheritdoc />
    public string Key => key;

    /// <inheritdoc />
    public string? Given(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetResult(option) is { Implicit: false } ? format(result.GetValue(option)!) : null;
    }
}
