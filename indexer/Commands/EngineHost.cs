using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retrieval.Hosting;

namespace Retrieval.Cli.Commands;

/// <summary>
/// Builds the engine for one command as the server builds it: configuration from appsettings.json beside the
/// program, then the environment (<c>Retrieval__Search__CaptionWeight</c>, ...), then the command's flags as a
/// command-line source; <c>AddRetrieval</c> binds and validates the same option types from it.
/// </summary>
internal sealed class EngineHost : IDisposable
{
    private readonly ServiceProvider _services;

    private EngineHost(ServiceProvider services) => _services = services;

    /// <summary>One of the engine's services (<see cref="SearchService"/>, <see cref="LibraryMaintenance"/>, ...): a command takes the ones it uses.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The engine configured by the flags of <paramref name="result"/>.</summary>
    /// <exception cref="OptionsValidationException">A setting is out of its bounds.</exception>
    public static EngineHost Create(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var flags = result.CommandResult.Command.Options.OfType<Option>()
            .Select(option => AllSettings.FirstOrDefault(s => s.Option == option))
            .OfType<ISetting>()
            .Select(setting => (setting.Key, Value: setting.Given(result)))
            .Where(flag => flag.Value is not null)
            .Select(flag => $"--{flag.Key}={flag.Value}")
            .ToArray();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(flags)
            .Build();
        var verbose = result.GetValue(CommonFlags.Verbose);
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
                .AddSafeConsole(standardError: true))
            .AddRetrieval(configuration)
            .BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return new EngineHost(services);
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>A setting's validation failure, with the flag that sets it named first (the message names the option property).</summary>
    public static string NameTheFlag(string failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return AllSettings.FirstOrDefault(s => failure.Contains($"'{s.Key.Split(':')[^1]}'", StringComparison.Ordinal)) is { } setting
            ? $"{setting.Option.Name}: {failure}"
            : failure;
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

    private static IEnumerable<ISetting> AllSettings =>
        [EngineArguments.Db, .. EngineArguments.ModelFlags, EngineArguments.DecodeThreads, EngineArguments.NoOcr, EngineArguments.NoFaces, EngineArguments.FaceModel];
}
