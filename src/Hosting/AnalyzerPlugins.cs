using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retrieval.Analysis;
using Retrieval.Errors;

namespace Retrieval.Hosting;

/// <summary>
/// The analyzers of the plug-in assemblies <see cref="AnalyzerOptions.Plugins"/> names: loaded on the first index run (a
/// command that never indexes never loads them), each public <see cref="IPhotoAnalyzer"/> type made once with what the
/// container holds (options, loggers). Each plug-in loads in a context of its own (<see cref="PluginLoadContext"/>): its own
/// dependencies from its folder, the engine's shared.
/// </summary>
public sealed class AnalyzerPlugins(IOptions<AnalyzerOptions> options, IServiceProvider services, ILogger<AnalyzerPlugins> logger) : IDisposable
{
    private readonly Lock _loading = new();
    private List<IPhotoAnalyzer>? _analyzers;

    /// <summary>Every plug-in analyzer, in the order the assemblies are named.</summary>
    /// <exception cref="InvalidInputException">A plug-in is missing, not an assembly, or holds no analyzer; the message names it.</exception>
    public IReadOnlyList<IPhotoAnalyzer> Analyzers
    {
        get
        {
            lock (_loading)
            {
                return _analyzers ??= [.. options.Value.Plugins.SelectMany(Load)];
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var analyzer in _analyzers?.OfType<IDisposable>() ?? [])
        {
            analyzer.Dispose();
        }
    }

    private IEnumerable<IPhotoAnalyzer> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidInputException(full, $"Analyzer plug-in '{full}' cannot be loaded ({AnalyzerOptions.Section}:Plugins): there is no such file");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidInputException(full, $"Analyzer plug-in '{full}' cannot be loaded ({AnalyzerOptions.Section}:Plugins): {OneLine(e.Message)}", e);
        }

        var types = ExportedAnalyzers(assembly, full);
        if (types.Count == 0)
        {
            throw new InvalidInputException(full, $"Analyzer plug-in '{full}' holds no public {nameof(IPhotoAnalyzer)} type");
        }

        var made = new List<IPhotoAnalyzer>(types.Count);
        foreach (var type in types)
        {
            try
            {
                var analyzer = (IPhotoAnalyzer)ActivatorUtilities.CreateInstance(services, type);
                made.Add(analyzer);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.AnalyzerPluginLoaded(full, analyzer.Name, type.FullName, string.Join(", ", analyzer.Collections.Select(c => c.Name)));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or MissingMethodException or TargetInvocationException or FileNotFoundException or FileLoadException)
            {
                throw new InvalidInputException(full, $"Analyzer plug-in '{full}': {type.FullName} cannot be made: {OneLine((e.InnerException ?? e).Message)}", e);
            }
        }

        return made;
    }

    /// <summary>The public analyzer types of <paramref name="assembly"/>.</summary>
    private static List<Type> ExportedAnalyzers(Assembly assembly, string path)
    {
        try
        {
            return [.. assembly.GetExportedTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPhotoAnalyzer).IsAssignableFrom(t))];
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new InvalidInputException(path, $"Analyzer plug-in '{path}' cannot be loaded: a library it needs is missing beside it ({OneLine(e.Message)})", e);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
