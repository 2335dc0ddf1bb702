using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Formats;

/// <summary>
/// The format set indexed by the CLI with the default model, as a new user's library would be: every file indexed, counted
/// by its format in <c>retrieval status</c>, and found by <c>retrieval search</c> for what it shows.
/// </summary>
public sealed class FormatLibraryCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-formats-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task EveryFormat_IsIndexed_CountedAndFoundByWhatItShows()
    {
        var db = Path.Combine(_folder.FullName, "db");
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", FormatSet.Files, "--db", db, "--device", "cpu", "--no-ocr", "--no-faces"]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--json", "--db", db]);
        Assert.True(exit == 0, stderr);
        using (var status = JsonDocument.Parse(stdout))
        {
            var formats = status.RootElement.GetProperty("formats").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            var expected = FormatSet.Entries.GroupBy(e => e.Format.ToLowerInvariant()).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(p => p.Key), formats.OrderBy(p => p.Key));
        }

        // Several files show the same photo (each orientation of one HEIC): a file counts as found among its photo's copies.
        // By the photo it was made from, each is found among them; by its caption, within the default model's reach.
        var ranks = new List<string>();
        foreach (var entry in FormatSet.Entries)
        {
            var copies = FormatSet.Entries.Count(e => e.Photo == entry.Photo);
            var byImage = await RankAsync(db, entry.File, "--image", entry.SourcePhoto, "--min-score", "-1");
            var byText = await RankAsync(db, entry.File, entry.Caption, "--mode", "vector", "--min-score", "-1");
            ranks.Add($"{entry.File}: rank {byImage} by its source photo, {byText} by \"{entry.Caption}\" ({copies} cop{(copies == 1 ? "y" : "ies")})");
            Assert.True(byImage is > 0 && byImage <= copies && byText is > 0 && byText <= copies + 12, string.Join("\n", ranks));
        }

        TestContext.Current.SendDiagnosticMessage(string.Join("\n", ranks));
    }

    /// <summary>Where <paramref name="file"/> ranks (1 first, 0 absent) among the first 30 results of a search.</summary>
    private static async Task<int> RankAsync(string db, string file, params string[] query)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", .. query, "--db", db, "--device", "cpu", "--json", "--k", "30"]);
        Assert.True(exit == 0, stderr);
        using var results = JsonDocument.Parse(stdout);
        return results.RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).ToList().IndexOf(file) + 1;
    }
}
