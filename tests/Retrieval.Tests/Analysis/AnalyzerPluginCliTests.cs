using Retrieval.Testing;

namespace Retrieval.Tests.Analysis;

/// <summary>The CLI with analyzer plug-ins that cannot run: each a one-line error naming the plug-in, never a stack trace.</summary>
public sealed class AnalyzerPluginCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-plugin-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<(int Exit, string Stderr)> IndexWithAsync(params string[] plugins)
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        ColourPhotos.Write(photos);
        var environment = plugins.Select((path, i) => ($"Retrieval__Analyzers__Plugins__{i}", (string?)path)).ToDictionary(p => p.Item1, p => p.Item2);
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", Path.Combine(_folder.FullName, "db"), "--device", "cpu", "--no-ocr", "--no-faces"], environment);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        return (exit, stderr);
    }

    [Fact]
    public async Task APluginNamedTwice_IsRefused_NamingTheCollectionItDeclaresTwice()
    {
        var plugin = ChildProcess.Beside("Retrieval.TestAnalyzer.dll");
        var (exit, stderr) = await IndexWithAsync(plugin, plugin);
        Assert.NotEqual(0, exit);
        Assert.Contains("both declare the vector collection 'mean-colour'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingPlugin_AndOneWithoutAnalyzers_AreRefused_NamingTheFile()
    {
        var missing = Path.Combine(_folder.FullName, "nowhere", "Analyzer.dll");
        var (exit, stderr) = await IndexWithAsync(missing);
        Assert.NotEqual(0, exit);
        Assert.Contains($"Analyzer plug-in '{missing}' cannot be loaded", stderr, StringComparison.Ordinal);

        var noAnalyzer = ChildProcess.Beside("Retrieval.CrashWorker.dll");
        (exit, stderr) = await IndexWithAsync(noAnalyzer);
        Assert.NotEqual(0, exit);
        Assert.Contains($"Analyzer plug-in '{noAnalyzer}' holds no public IPhotoAnalyzer type", stderr, StringComparison.Ordinal);
    }
}
