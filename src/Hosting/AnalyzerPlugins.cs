using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Retrieval.Analysis;
using Retrieval.Errors;

namespace Retrieval.Hosting;

/// <summary>
/// The analyzers of the plug-in assemblies <see cref="AnalyzerOptions.Plugins"/> names: loaded on the first index run (a
/// command that never indexes never loads them), each public <see cref="IPhotoAnalyzer"/> type made once with what the
/// container holds (options, loggers).
/// </summary>
public sealed class AnalyzerPlugins(IOptions<AnalyzerOptions> options, IServiceProvider services) : IDisposable
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
        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            throw new InvalidInputException(full, $"Analyzer plug-in '{full}' cannot be loaded (Retrieval:Analyzers:Plugins): {e.Message}", e);
        }

        var types = assembly.GetExportedTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPhotoAnalyzer).IsAssignableFrom(t)).ToList();
        return types.Count > 0
            ? [.. types.Select(type => (IPhotoAnalyzer)ActivatorUtilities.CreateInstance(services, type))]
            : throw new InvalidInputException(full, $"Analyzer plug-in '{full}' holds no public {nameof(IPhotoAnalyzer)} type");
    }
}
