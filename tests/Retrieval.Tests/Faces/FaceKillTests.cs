using Retrieval.Catalog;
using Retrieval.Faces;
using Retrieval.Testing;
using Retrieval.Tests.Cli;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// <c>retrieval index</c> with faces, killed with SIGKILL at random moments (every other run re-embedding everything):
/// the run after the kills leaves the same faces as a clean run — each photo's items, their vectors, and every photo
/// marked as looked at, so none is read again.
/// </summary>
public sealed class FaceKillTests : IDisposable
{
    private const int Kills = 5;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-faces-kill-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task KilledAtRandomMoments_TheNextRunLeavesTheFacesOfACleanRun()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        TestFiles.Copy(FaceSet.Photos, photos);
        var (killed, clean) = (Path.Combine(_folder.FullName, "killed"), Path.Combine(_folder.FullName, "clean"));
        string[] Index(string db) => ["index", photos, "--db", db, "--device", "cpu", "--no-ocr"];

        await IndexKills.KillAsync(Index(killed), Kills, new Random(33), 1000, 6000);

        foreach (var db in (string[])[killed, clean])
        {
            var (exit, _, stderr) = await ChildProcess.RunCliAsync(Index(db));
            Assert.True(exit == 0, stderr);
        }

        var expected = await FacesAsync(clean);
        Assert.NotEmpty(expected.Items);
        Assert.Equal(expected, await FacesAsync(killed));
    }

    /// <summary>Each photo's face payloads (by file name), how many face vectors are stored, and how many photos are still to be looked at.</summary>
    private static async Task<(string Items, long Vectors, int Unread)> FacesAsync(string db)
    {
        using var index = IndexFixture.BackendAt(db).OpenForReading();
        var catalog = index.Catalog;
        var photos = catalog.Photos(catalog.SearchableIds(PhotoFilter.None));
        var items = string.Join("\n", photos.Values.OrderBy(p => p.Path, StringComparer.Ordinal)
            .Select(p => $"{Path.GetFileName(p.Path)}: {string.Join(" ", catalog.PayloadsOf(FaceAnalyzer.Collection, p.Id))}"));
        var vectors = await index.Collection(FaceAnalyzer.Collection)!.Vectors.CountAsync(TestContext.Current.CancellationToken);
        return (items, vectors, catalog.PhotosNotAnalysedFor(FaceAnalyzer.Collection).Count);
    }
}
