using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>`retrieval index`, `status`, `search`, `caption` and `remove` as a user runs them, on real photos and on every kind of bad file.</summary>
public sealed class IndexCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-cli-index-");

    // rm, not Directory.Delete: .NET cannot name the file whose name is not UTF-8.
    public void Dispose() => ChildProcess.Shell($"chmod -R u+rwx '{_folder.FullName}'; rm -rf '{_folder.FullName}'");

    private string Photos => Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;

    private string Db => Path.Combine(_folder.FullName, "index");

    [Fact]
    public async Task FolderOfBadFiles_EachListedWithItsReason_GoodPhotosSearchable_ExitCode3()
    {
        var coco = Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).ToList();
        var good = new List<string>
        {
            Copy(coco[0], "plain.jpg"),
            Copy(coco[1], "with spaces and 'quotes'.jpg"),
            Copy(coco[2], "ünïcødé 写真.jpg"),
            Copy(coco[3], Path.Combine("deep", "er", "folder", "nested.jpg")),
            Copy(coco[5], "a jpeg named.heic"), // decoded as what its bytes are
        };
        var bad = new Dictionary<string, string>
        {
            [Write("empty.jpg", [])] = "empty",
            [Write("truncated.jpg", File.ReadAllBytes(coco[4])[..3000])] = "truncated",
            [Write("notes.jpg", "this is a shopping list, not a photo"u8.ToArray())] = "not a photo format the engine reads",
            [Write("drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray())] = "unsupported format (SVG)",
            [Write("drawing.heic", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray())] = "not a photo format the engine reads",
            [Write("bomb.png", TestPng.DeclaringOnly(50_000, 50_000))] = "above the limit",
            [Write("corrupt.jpg", Corrupt(File.ReadAllBytes(coco[6])))] = "",
        };
        ChildProcess.Shell($"mkfifo '{Photos}/pipe.jpg'");
        bad[Path.Combine(Photos, "pipe.jpg")] = "not a regular file";
        ChildProcess.Shell($"ln -s '{Photos}/nowhere.jpg' '{Photos}/broken.jpg'");
        bad[Path.Combine(Photos, "broken.jpg")] = "broken symbolic link";
        Directory.CreateDirectory(Path.Combine(Photos, "loop"));
        ChildProcess.Shell($"ln -s .. '{Photos}/loop/back'"); // inside the root: not followed, and nothing to report
        ChildProcess.Shell($"ln -s self.jpg '{Photos}/loop/self.jpg'");
        bad[Path.Combine(Photos, "loop", "self.jpg")] = "symbolic link loop";
        ChildProcess.Shell($"cp '{coco[7]}' \"{Photos}/$(printf 'latin1-\\351t\\351.jpg')\""); // "été" in Latin-1: not UTF-8
        var latin1 = Path.Combine(Photos, "latin1-\uFFFDt\uFFFD.jpg");
        bad[latin1] = "not valid UTF-8";
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            var locked = Copy(coco[8], "locked.jpg");
            File.SetUnixFileMode(locked, UnixFileMode.None);
            bad[locked] = "ermission denied";
        }

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--threads", "2"]);
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains($"{good.Count} photos searchable", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--errors", "--json", "--db", Db]);
        Assert.True(exit == 0, stderr);
        using var status = JsonDocument.Parse(stdout);
        var errors = status.RootElement.GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("reason").GetString()!);
        foreach (var (path, reason) in bad)
        {
            Assert.True(errors.TryGetValue(path, out var recorded), $"'{path}' is not listed; listed: {string.Join(", ", errors.Keys)}");
            Assert.Contains(reason, recorded, StringComparison.Ordinal);
        }

        Assert.Equal(bad.Count, errors.Count);
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "photo", "--db", Db, "--device", "cpu", "--mode", "vector", "--k", "50", "--min-score", "-1", "--json"]);
        Assert.True(exit == 0, stderr);
        using var results = JsonDocument.Parse(stdout);
        Assert.Equal(good.Order(StringComparer.Ordinal), results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchCaptionStatusRemove_PrintRankedScoredJson()
    {
        var coco = Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).Take(12).Select(f => Copy(f, Path.GetFileName(f))).ToList();
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--captions", IndexFixture.CocoCaptions]);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        Assert.DoesNotContain("random weights", stderr, StringComparison.Ordinal); // the default model is the real one

        foreach (var mode in (string[])["hybrid", "vector", "keyword"])
        {
            (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "cake on a table", "--db", Db, "--device", "cpu", "--mode", mode, "--k", "5", "--json"]);
            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.InRange(results.Count, 1, 5);
            var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
            Assert.All(results, r => Assert.Contains(r.GetProperty("path").GetString()!, coco));
            Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("caption").GetString())));
        }

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "horses", "--db", Db, "--device", "cpu", "--mode", "keyword"]);
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^  1\. \d+\.\d{4}  /", stdout);

        // Image to image, no text: an indexed photo finds itself first, at cosine 1.
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "--image", coco[2], "--db", Db, "--device", "cpu", "--mode", "vector", "--k", "3", "--json"]);
        Assert.True(exit == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var first = json.RootElement.GetProperty("results")[0];
            Assert.Equal(coco[2], first.GetProperty("path").GetString());
            Assert.Equal(1.0, first.GetProperty("score").GetDouble(), 4);
        }

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["caption", coco[0], "--db", Db, "--device", "cpu", "--k", "3", "--json"]);
        Assert.True(exit == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var captions = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(3, captions.Count);
            Assert.All(captions, c => Assert.Contains(c.GetProperty("path").GetString()!, coco));
            Assert.All(captions, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("caption").GetString())));
        }

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["remove", coco[0], coco[1], "--db", Db]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("Removed 2 photos", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = await ChildProcess.RunCliAsync(["status", "--json", "--db", Db]);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(10, json.RootElement.GetProperty("photos").GetProperty("indexed").GetInt64());
        }
    }

    [Fact]
    public async Task BadUsage_ExitsWith2_AndAMissingIndexWith1()
    {
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["search", "dog", "--k", "0", "--db", Db]);
        Assert.Equal(2, exit);
        Assert.Contains("--k must be a whole number from 1 to 200", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["search", "dog", "--batch-size", "0", "--db", Db]);
        Assert.Equal(2, exit);
        Assert.Contains("--batch-size", stderr, StringComparison.Ordinal);
        Assert.Contains("between 1 and 4096", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["search", "--db", Db]);
        Assert.Equal(2, exit);
        Assert.Contains("give a text to search for, or --image PATH", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", "--db", Db]);
        Assert.Equal(2, exit);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["search", "dog", "--db", Db, "--mode", "keyword"]);
        Assert.Equal(1, exit);
        Assert.Contains("run `retrieval index", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", Path.Combine(_folder.FullName, "no such folder"), "--db", Db, "--device", "cpu"]);
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    private string Copy(string source, string name)
    {
        var path = Path.Combine(Photos, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Photos, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Corrupt(byte[] jpeg)
    {
        new Random(5).NextBytes(jpeg.AsSpan(2, 600)); // the header tables: nothing decodable is left
        return jpeg;
    }
}
