using System.Text.Json;
using Retrieval.Indexing;
using Retrieval.Storage;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// A photo library is untrusted input: anyone who can drop files into a synced or shared folder. Links that lead out
/// of it read nothing, a folder path too long for the system fails alone, a deep chain of folders is walked in
/// time linear in its depth, and names and captions print no control character.
/// </summary>
public sealed class HostileLibraryTests : IDisposable
{
    private const string Secret = "aws_secret_access_key=SUPERSECRET123";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-hostile-library-");

    public void Dispose() => ChildProcess.Shell($"rm -rf '{_folder.FullName}'");

    private string Photos => Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;

    private string Outside => Directory.CreateDirectory(Path.Combine(_folder.FullName, "outside")).FullName;

    private string Db => Path.Combine(_folder.FullName, "index");

    private static List<string> Coco => Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task LinksLeadingOutOfTheLibrary_AreSearchableByNothing_AndListedAsRefused()
    {
        // Outside the library: a credentials file, a photo with a caption file, a folder of photos with captions.
        File.WriteAllText(Path.Combine(Outside, "credentials"), Secret + "\n");
        File.Copy(Coco[0], Path.Combine(Outside, "private.jpg"));
        File.WriteAllText(Path.Combine(Outside, "private.jpg.txt"), "confidential walrus caption\n");
        Directory.CreateDirectory(Path.Combine(Outside, "album"));
        File.Copy(Coco[1], Path.Combine(Outside, "album", "elsewhere.jpg"));
        File.WriteAllText(Path.Combine(Outside, "album", "elsewhere.jpg.txt"), "hidden narwhal caption\n");

        // Inside: a photo whose caption file is a link to the credentials, links to the outside photo and folder,
        // a photo to be swapped for a link between runs, and a link that stays inside (it still works).
        File.Copy(Coco[2], Path.Combine(Photos, "beach.jpg"));
        File.CreateSymbolicLink(Path.Combine(Photos, "beach.jpg.txt"), Path.Combine(Outside, "credentials"));
        File.CreateSymbolicLink(Path.Combine(Photos, "linked.jpg"), Path.Combine(Outside, "private.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(Photos, "linked-album"), Path.Combine(Outside, "album"));
        File.Copy(Coco[3], Path.Combine(Photos, "swapped.jpg"));
        File.WriteAllText(Path.Combine(Photos, "swapped.jpg.txt"), "harmless pelican caption\n");
        Directory.CreateDirectory(Path.Combine(Photos, "real"));
        File.Copy(Coco[4], Path.Combine(Photos, "real", "inner.jpg"));
        File.CreateSymbolicLink(Path.Combine(Photos, "alias.jpg"), Path.Combine(Photos, "real", "inner.jpg"));

        var (exit, stdout, stderr) = await Index();
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        // inner.jpg is the same file as alias.jpg, reached first: its duplicate.
        Assert.Equal(["alias.jpg", "beach.jpg", "swapped.jpg"], await FoundBy("photo", "vector"));
        Assert.Equal(["swapped.jpg"], await FoundBy("pelican", "keyword"));

        // Now the photo itself is swapped for a link to the outside photo: what was read from it goes too.
        File.Delete(Path.Combine(Photos, "swapped.jpg"));
        File.CreateSymbolicLink(Path.Combine(Photos, "swapped.jpg"), Path.Combine(Outside, "private.jpg"));
        (exit, stdout, stderr) = await Index();
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");

        foreach (var word in (string[])["SUPERSECRET123", "aws_secret_access_key", "walrus", "narwhal", "pelican", "confidential", "private", "elsewhere"])
        {
            Assert.Empty(await FoundBy(word, "keyword"));
            Assert.Empty(await FoundBy(word, "hybrid", byWords: true));
        }

        Assert.Equal(["alias.jpg", "beach.jpg"], await FoundBy("photo", "vector"));
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["caption", Coco[0], "--db", Db, "--device", "cpu", "--k", "10", "--json"]);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("walrus", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SUPERSECRET", stdout, StringComparison.Ordinal);

        var errors = await Errors();
        Assert.Contains("outside the indexed folder", errors[Path.Combine(Photos, "beach.jpg.txt")], StringComparison.Ordinal);
        Assert.Contains("outside the indexed folder", errors[Path.Combine(Photos, "linked.jpg")], StringComparison.Ordinal);
        Assert.Contains("outside the indexed folder", errors[Path.Combine(Photos, "linked-album")], StringComparison.Ordinal);
        Assert.Contains("outside the indexed folder", errors[Path.Combine(Photos, "swapped.jpg")], StringComparison.Ordinal);
        Assert.Equal(4, errors.Count);
        Assert.DoesNotContain(errors.Values, reason => reason.Contains("SUPERSECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PngWhoseTextChunksInflateToGigabytes_CostsTheIndexerAboutNothing()
    {
        TestFiles.CopyAll(Coco.Take(12), Photos);
        var (withoutExit, withoutPeak) = await IndexMeasuringPeak(Path.Combine(_folder.FullName, "index-without"));
        var zeros = MetadataBombs.ZlibOfZeros(1L << 30);
        File.WriteAllBytes(Path.Combine(Photos, "bomb.png"), TestPng.WithChunks(TestPng.AllZero(64, 64),
            [.. Enumerable.Range(0, 3).Select(i => ("zTXt", MetadataBombs.CompressedText($"Comment {i}", zeros)))]));

        var (withExit, withPeak) = await IndexMeasuringPeak(Path.Combine(_folder.FullName, "index-with"));

        Assert.Equal(0, withoutExit);
        Assert.Equal(0, withExit); // the PNG itself is a photo like any other
        Assert.True(withPeak <= withoutPeak * 1.5, $"peak {withPeak / 1e6:0} MB with the PNG, {withoutPeak / 1e6:0} MB without it");
    }

    [Fact]
    public void PhotoSwappedForALinkAfterTheWalk_IsNotRead()
    {
        var photo = Path.Combine(Photos, "photo.jpg");
        File.Copy(Coco[0], photo);
        File.WriteAllText(Path.Combine(Outside, "credentials"), Secret);
        var walked = PhotoWalker.Walk(Photos, TestContext.Current.CancellationToken).ToList();
        Assert.Equal([(photo, (string?)null)], walked.Select(e => (e.File.Path, e.Failure)));

        // Between the walk and the read the file becomes a link to elsewhere: the handle opened is checked, not the path.
        File.Delete(photo);
        File.CreateSymbolicLink(photo, Path.Combine(Outside, "credentials"));
        var refused = Assert.Throws<OutsideRootException>(() => ContentHash.OfFile(photo, Photos));
        Assert.Equal(Path.Combine(Outside, "credentials"), refused.Target);
    }

    [Fact]
    public async Task FolderPathLongerThanTheSystemOpens_FailsAlone_AndTheRunCarriesOutItsRemovals()
    {
        File.Copy(Coco[0], Path.Combine(Photos, "stays.jpg"));
        File.Copy(Coco[1], Path.Combine(Photos, "goes.jpg"));
        var (exit, stdout, stderr) = await Index();
        Assert.True(exit == 0, $"{stdout}\n{stderr}");

        // 22 folders of 199 characters: a path of over 4,300 characters, made by relative steps (no single call sees it whole).
        var name = new string('n', 199);
        ChildProcess.Shell($"cd '{Photos}' && for i in $(seq 22); do mkdir {name} && cd {name}; done && cp '{Coco[2]}' deep.jpg");
        File.Delete(Path.Combine(Photos, "goes.jpg"));

        (exit, stdout, stderr) = await Index();
        Assert.True(exit is 0 or 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(["stays.jpg"], await FoundBy("photo", "vector"));
        var tooLong = Assert.Single(await Errors());
        Assert.True(tooLong.Key.Length > PhotoWalker.MaxPathBytes, tooLong.Key);
        Assert.Contains("more than the system can open", tooLong.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ChainOfTwoThousandFolders_IsWalkedToItsBottom()
    {
        var bottom = Path.Join([Photos, .. Enumerable.Repeat("d", 2000)]);
        Directory.CreateDirectory(bottom);
        File.Copy(Coco[0], Path.Combine(bottom, "bottom.jpg"));

        var found = Assert.Single(PhotoWalker.Walk(Photos, TestContext.Current.CancellationToken));

        Assert.Null(found.Failure);
        Assert.EndsWith(string.Concat(Enumerable.Repeat("/d", 2000)) + "/bottom.jpg", found.File.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesAndCaptionsWithTerminalEscapes_PrintNoControlCharacter()
    {
        var retitle = "evil\u001B]0;pwned\u0007";
        File.Copy(Coco[0], Path.Combine(Photos, retitle + ".jpg"));
        File.WriteAllText(Path.Combine(Photos, retitle + ".jpg.txt"), "a giraffe \u001B[2J\u001B[31mcleared\u009B1m\u202Eoverridden\n");
        File.WriteAllBytes(Path.Combine(Photos, "broken\u001B[2J\r\nfake line.jpg"), "not a photo"u8.ToArray());

        var (exit, stdout, stderr) = await Index();
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        var outputs = new List<string> { stdout, stderr };
        foreach (var arguments in (string[][])
            [
                ["search", "giraffe", "--mode", "keyword"], ["search", "giraffe", "--mode", "keyword", "--json"],
                ["status", "--errors"], ["status", "--errors", "--json"], ["caption", Coco[0], "--device", "cpu"],
            ])
        {
            (exit, stdout, stderr) = await ChildProcess.RunCliAsync([.. arguments, "--db", Db]);
            outputs.Add(stdout);
            outputs.Add(stderr);
            if (arguments[^1] == "--json")
            {
                // JSON escapes them its own way, and keeps the name whole.
                Assert.Contains(Strings(JsonDocument.Parse(stdout).RootElement), s => s.Contains('\u001B', StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(@"\x1B", stdout + stderr, StringComparison.Ordinal); // shown, escaped
            }
        }

        foreach (var output in outputs)
        {
            Assert.DoesNotContain(output, c => c is '\u001B' or '\u0007' or '\r' or '\u009B' or '\u202E');
        }

        Assert.DoesNotContain(outputs, o => o.Split('\n').Any(line => line.StartsWith("fake line", StringComparison.Ordinal)));
    }

    /// <summary>Indexes the photo folder into <paramref name="db"/>: the exit code and the process's peak resident memory, in bytes.</summary>
    private async Task<(int Exit, long Peak)> IndexMeasuringPeak(string db)
    {
        using var child = ChildProcess.Start(ChildProcess.Cli, ["index", Photos, "--db", db, "--device", "cpu", "--threads", "2"]);
        var peak = 0L;
        var exited = child.WaitForExitAsync(TimeSpan.FromMinutes(3));
        while (!exited.IsCompleted)
        {
            // VmHWM only grows: the last reading before the exit is the peak, give or take the last few milliseconds.
            peak = Math.Max(peak, PeakResident(child.Id));
            await Task.WhenAny(exited, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        return (await exited, peak);
    }

    private static long PeakResident(int process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // exited between two readings
        }
    }

    private static IEnumerable<string> Strings(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => [json.GetString()!],
        JsonValueKind.Object => json.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private Task<(int ExitCode, string Stdout, string Stderr)> Index() =>
        ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--threads", "2"]);

    /// <summary>The file names of every photo a search finds (all of them, for vector search), in name order; <paramref name="byWords"/>: only those a word of the query matched.</summary>
    private async Task<List<string>> FoundBy(string query, string mode, bool byWords = false)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", Db, "--device", "cpu", "--mode", mode, "--k", "50", "--min-score", "-1", "--json"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => !byWords || (r.TryGetProperty("keywordScore", out var score) && score.ValueKind == JsonValueKind.Number && score.GetDouble() > 0)
                || (r.TryGetProperty("matchedWords", out var words) && words.ValueKind == JsonValueKind.Array && words.GetArrayLength() > 0))
            .Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, string>> Errors()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--errors", "--json", "--db", Db]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("reason").GetString()!);
    }
}
