using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// <c>retrieval status</c> over a damaged index reports the damage — one line naming the file, exit code 1 — for each
/// kind of damage: a keyword file cut short, garbage catalog pages, an empty catalog, a vector file of random data.
/// </summary>
public sealed class DamagedIndexCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-cli-damage-");

    [Fact]
    public async Task Status_ReportsEachDamageInOneLineNamingTheFile()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        TestFiles.Copy(RepositoryPaths.Samples, photos, count: 4);
        var pristine = Path.Combine(_folder.FullName, "pristine");
        var (built, _, buildError) = await ChildProcess.RunCliAsync(["index", photos, "--db", pristine, "--model", RepositoryPaths.TinyModel, "--device", "cpu"]);
        Assert.True(built == 0, buildError);
        var (healthy, _, healthyError) = await ChildProcess.RunCliAsync(["status", "--db", pristine]);
        Assert.True(healthy == 0, healthyError);

        var wrong = new List<string>();
        foreach (var (name, damage) in IndexDamage.All)
        {
            var index = Path.Combine(_folder.FullName, name.Replace(' ', '-'));
            TestFiles.CopyTree(pristine, index);
            var file = damage(index);
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--db", index]);
            var lines = stderr.Trim().Split('\n');
            if (exit != 1 || lines.Length != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal) || !lines[0].Contains(file, StringComparison.Ordinal))
            {
                wrong.Add($"{name}: exit {exit}, stdout '{stdout.Trim()}', stderr '{stderr.Trim()}'");
            }
        }

        Assert.True(wrong.Count == 0, $"`retrieval status` did not report the damage in one line naming the file:\n{string.Join('\n', wrong)}");
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
