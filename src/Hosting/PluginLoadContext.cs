using System.Reflection;
using System.Runtime.Loader;

namespace Retrieval.Hosting;

/// <summary>
/// Where an analyzer plug-in's assembly loads: its own dependencies from its folder (by its <c>.deps.json</c>, else by
/// name beside it), and everything the engine already has — the engine itself, the Microsoft.Extensions libraries —
/// shared with the engine, so the plug-in's <c>IPhotoAnalyzer</c> is the engine's.
/// </summary>
internal sealed class PluginLoadContext(string path) : AssemblyLoadContext($"analyzer plug-in {Path.GetFileName(path)}")
{
    private readonly AssemblyDependencyResolver? _resolver = Resolver(path);
    private readonly string _folder = Path.GetDirectoryName(path)!;

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())) || IsPlatform(assemblyName))
        {
            return null; // shared with the engine
        }

        var resolved = _resolver?.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_folder, $"{assemblyName.Name}.dll");
        return File.Exists(resolved) ? LoadFromAssemblyPath(resolved) : null;
    }

    /// <inheritdoc />
    protected override nint LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) is { } resolved ? LoadUnmanagedDllFromPath(resolved) : 0;

    /// <summary>The resolver of the plug-in's <c>.deps.json</c>; null when it has none (its dependencies are then looked for beside it by name).</summary>
    private static AssemblyDependencyResolver? Resolver(string path)
    {
        try
        {
            return new AssemblyDependencyResolver(path);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the runtime or the engine's host ships the assembly (it must be the engine's copy, loaded or not yet).</summary>
    private static bool IsPlatform(AssemblyName name)
    {
        try
        {
            return Default.LoadFromAssemblyName(name) is not null;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
