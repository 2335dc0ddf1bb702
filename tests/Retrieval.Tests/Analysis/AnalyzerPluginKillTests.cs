using Retrieval.Catalog;
using Retrieval.TestAnalyzer;
using Retrieval.Testing;
using Retrieval.Tests.Cli;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Analysis;

/// <summary>
/// The CLI with the mean-colour analyzer as a plug-in (its assembly named in <c>Retrieval:Analyzers:Plugins</c>), killed
/// with SIGKILL at random moments: the run after the kills leaves its collection and keyword field exactly as a clean
/// run does — every photo's colour once, nothing of a photo that is gone.
/// </summary>
public sealed class AnalyzerPluginKillTests : IDisposable
{
    private const int Kills = 5;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-plugin-kill-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Plugin => new() { ["Retrieval__Analyzers__Plugins__0"] = ChildProcess.Beside("Retrieval.TestAnalyzer.dll") };

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task KilledAtRandomMoments_ThePluginsCollectionEndsAsACleanRunLeavesIt()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        ColourPhotos.Write(Path.Combine(photos, "colours"), copies: 8);
        TestFiles.Copy(IndexFixture.CocoImages, Path.Combine(photos, "coco"));
        var (killed, clean) = (Path.Combine(_folder.FullName, "killed"), Path.Combine(_folder.FullName, "clean"));
        string[] Index(string db) => ["index", photos, "--db", db, "--device", "cpu", "--batch-size", "8", "--no-ocr", "--no-faces"];

        await IndexKills.KillAsync(Index(killed), Kills, new Random(29), 400, 3000, Plugin, round =>
        {
            if (round == 2)
            {
                // A photo removed between killed runs must leave the collection too.
                File.Delete(Path.Combine(photos, "colours", $"{ColourPhotos.Named["red"].File}-3.jpg"));
            }
        });

        var (exit, _, stderr) = await ChildProcess.RunCliAsync(Index(killed), Plugin);
        Assert.True(exit == 0, $"the run after the kills failed: {stderr}");
        (exit, _, stderr) = await ChildProcess.RunCliAsync(Index(clean), Plugin);
        Assert.True(exit == 0, stderr);

        var (afterKills, cleanRun) = (await ColoursAsync(killed), await ColoursAsync(clean));
        TestContext.Current.SendDiagnosticMessage($"{Kills} kills of a running indexer; {afterKills.Count} photos with their colour");
        Assert.Equal(cleanRun.Keys.Order(), afterKills.Keys.Order());
        Assert.DoesNotContain($"{ColourPhotos.Named["red"].File}-3.jpg", afterKills.Keys);
        foreach (var (photo, colour) in cleanRun)
        {
            Assert.Equal(colour, afterKills[photo]);
        }
    }

    /// <summary>Each searchable photo's colour name and mean-colour vector, by file name; and the collection holds nothing else.</summary>
    private async Task<Dictionary<string, string>> ColoursAsync(string db)
    {
        using var index = IndexFixture.BackendAt(db).OpenForReading();
        var ids = index.Catalog.SearchableIds(PhotoFilter.None);
        var paths = index.Catalog.Photos(ids);
        var fields = index.Catalog.FieldsOf(ids);
        var vectors = index.Collection(MeanColourAnalyzer.Collection.Name)!.Vectors;
        Assert.Equal(ids.Count, await vectors.CountAsync(_ct));
        var colours = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            var vector = await vectors.GetVectorAsync(id, _ct);
            Assert.NotNull(vector);
            var name = Assert.Single(fields[id]);
            colours[Path.GetFileName(paths[id].Path)] = $"{name.Value} {string.Join(' ', vector.Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}";
        }

        return colours;
    }
}
