using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// `retrieval index` killed with SIGKILL at random moments, again and again, while `retrieval search` runs
/// beside it: every run after a kill completes, no search fails, and the final catalog, vectors, keywords and
/// search results equal those of a clean run.
/// </summary>
public sealed class IndexKillTests : IDisposable
{
    private const int Kills = 10;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-kill-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task KilledAtRandomMoments_TheNextRunsRepairEverything_AndSearchesBesideNeverFail()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        TestFiles.Copy(IndexFixture.FlickrImages, Path.Combine(photos, "flickr"));
        TestFiles.Copy(IndexFixture.CocoImages, Path.Combine(photos, "coco"));
        var killed = Path.Combine(_folder.FullName, "killed");
        var clean = Path.Combine(_folder.FullName, "clean");
        // Without faces: their detector would make each of the many runs of 1,051 photos ten times longer; their items
        // commit as captions' do, which this covers.
        string[] Index(string db) => ["index", photos, "--db", db, "--device", "cpu", "--captions", IndexFixture.FlickrCaptions, "--batch-size", "8", "--no-faces"];

        // A first short run creates the index, so searches have something to open.
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", Path.Combine(photos, "coco"), "--db", killed, "--device", "cpu", "--no-faces"]);
        Assert.True(exit == 0, stderr);

        using var stopSearching = new CancellationTokenSource();
        var searches = SearchContinuouslyAsync(killed, stopSearching.Token);
        await IndexKills.KillAsync(Index(killed), Kills, new Random(2026), 300, 2500);

        (exit, _, stderr) = await ChildProcess.RunCliAsync(Index(killed));
        Assert.True(exit == 0, $"the run after the kills failed: {stderr}");
        await stopSearching.CancelAsync();
        var (searched, failures) = await searches;
        Assert.True(failures.Count == 0, $"{failures.Count} of {searched} searches beside the indexer failed: {string.Join("\n", failures.Take(3))}");
        Assert.True(searched >= Kills, $"only {searched} searches ran beside the indexer");

        (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", Path.Combine(photos, "coco"), "--db", clean, "--device", "cpu", "--no-faces"]);
        Assert.True(exit == 0, stderr);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(Index(clean));
        Assert.True(exit == 0, stderr);
        var (killedState, cleanState) = (await StateAsync(killed), await StateAsync(clean));
        TestContext.Current.SendDiagnosticMessage($"{Kills} kills of a running indexer, {searched} searches beside it: {killedState.Counts}");
        Assert.Equal(cleanState.Counts, killedState.Counts);
        foreach (var query in cleanState.Results.Keys)
        {
            Assert.Equal(cleanState.Results[query], killedState.Results[query]);
        }
    }

    private static async Task<(int Searched, List<string> Failures)> SearchContinuouslyAsync(string db, CancellationToken stop)
    {
        var failures = new List<string>();
        var searched = 0;
        while (!stop.IsCancellationRequested)
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "a dog running on grass", "--db", db, "--device", "cpu", "--json", "--k", "20"]);
            searched++;
            if (exit != 0 || !stdout.Contains("\"results\"", StringComparison.Ordinal))
            {
                failures.Add($"exit {exit}: {stderr}");
            }
        }

        return (searched, failures);
    }

    /// <summary>Counts of every store, and the ranked paths and scores of a few searches in each mode.</summary>
    private static async Task<(string Counts, Dictionary<string, string> Results)> StateAsync(string db)
    {
        string counts;
        using (var index = IndexFixture.BackendAt(db).OpenForReading())
        {
            var catalog = index.Catalog.Counts();
            var ct = TestContext.Current.CancellationToken;
            counts = $"photos {catalog.Indexed} pending {catalog.Pending} failed {catalog.Failed} duplicates {catalog.Duplicates} captions {catalog.Captions}, "
                + $"image vectors {await index.Collection(Embedding.EmbeddingCollections.Images)!.Vectors.CountAsync(ct)}, caption vectors {await index.Collection(Embedding.EmbeddingCollections.Captions)!.Vectors.CountAsync(ct)}, keyword documents {await index.Keywords.CountAsync(ct)}";
        }

        var results = new Dictionary<string, string>();
        foreach (var (query, mode) in ((string, string)[])[("a dog running on grass", "vector"), ("children playing", "keyword"), ("a man on a bike", "hybrid")])
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", db, "--device", "cpu", "--json", "--k", "20", "--mode", mode]);
            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            results[$"{mode}: {query}"] = string.Join("\n", json.RootElement.GetProperty("results").EnumerateArray()
                .Select(r => $"{Path.GetFileName(r.GetProperty("path").GetString())} {r.GetProperty("score").GetDouble():0.00000}"));
        }

        return (counts, results);
    }
}
