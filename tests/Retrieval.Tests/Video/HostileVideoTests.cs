using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retrieval.Errors;
using Retrieval.Testing;
using Retrieval.Video;

namespace Retrieval.Tests.Video;

/// <summary>
/// Bad videos, each a failure with its reason and nothing else lost: truncated, empty, text, a frame size past the budget,
/// a stream that takes FFmpeg too long (its time limit ends it), ten hours of one colour (bounded frames), no FFmpeg at
/// all; and an indexer killed with SIGKILL leaves no FFmpeg running.
/// </summary>
public sealed class HostileVideoTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-hostile-videos-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public HostileVideoTests() => VideoSet.RequireFfmpeg();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task EachBadVideo_IsRecordedWithItsReason_AndTheRestIsIndexed()
    {
        var library = Directory.CreateDirectory(Path.Combine(_folder.FullName, "library")).FullName;
        foreach (var file in Directory.GetFiles(VideoSet.Hostile, "*.mp4"))
        {
            File.Copy(file, Path.Combine(library, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(VideoSet.Files, "scenes-h264.mp4"), Path.Combine(library, "good.mp4"));
        var db = Path.Combine(_folder.FullName, "db");
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", library, "--db", db, "--device", "cpu", "--no-ocr", "--no-faces"]);
        Assert.True(exit == 3, $"exit {exit} (3: some files failed)\n{stdout}\n{stderr}");

        (_, stdout, _) = await ChildProcess.RunCliAsync(["status", "--errors", "--json", "--db", db]);
        using var status = JsonDocument.Parse(stdout);
        var reasons = status.RootElement.GetProperty("errors").EnumerateArray().ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!), e => e.GetProperty("reason").GetString()!);
        Assert.Contains("moov atom not found", reasons["truncated-no-moov.mp4"], StringComparison.Ordinal);
        Assert.Equal("the file is empty", reasons["zero-byte.mp4"]);
        Assert.StartsWith("not a video", reasons["text.mp4"], StringComparison.Ordinal);
        Assert.Contains("16384 x 16384", reasons["huge-16384.mp4"], StringComparison.Ordinal);
        Assert.Equal(4, reasons.Count);
        Assert.All(reasons.Values, r => Assert.DoesNotContain('\n', r));

        // Ten hours of one colour: indexed, with no more frames than the budget, and the good clip beside it.
        Assert.Equal(2, status.RootElement.GetProperty("photos").GetProperty("indexed").GetInt64());
        Assert.InRange(FramesOf(db, "one-colour-10h.mp4"), 1, new VideoOptions().MaxFrames);
    }

    [Fact]
    public async Task AClipSharingOneShotWithAnother_IsNotItsCopy_ButItsReencodeIs()
    {
        var library = Directory.CreateDirectory(Path.Combine(_folder.FullName, "shots")).FullName;
        foreach (var file in (string[])["clip-original.mp4", "clip-reencoded.mp4"])
        {
            File.Copy(Path.Combine(VideoSet.Files, file), Path.Combine(library, file));
        }

        // The second of clip-original's two scenes alone: all of it is in the original, half of the original is not in it.
        ChildProcess.Shell($"ffmpeg -v error -ss 6 -i '{Path.Combine(VideoSet.Files, "clip-original.mp4")}' -t 6 -c:v libx264 -an '{Path.Combine(library, "excerpt.mp4")}'");
        var db = Path.Combine(_folder.FullName, "db");
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", library, "--db", db, "--device", "cpu", "--no-ocr", "--no-faces"]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(["clip-original.mp4 ~ clip-reencoded.mp4"], await ReportedCopies.OfAsync(db));
    }

    [Fact]
    public async Task AVideoTakingLongerThanTheTimeLimit_IsStoppedWithThatReason()
    {
        var reader = new VideoReader(new VideoOptions { TimeLimit = TimeSpan.FromMilliseconds(300) }, 100_000_000);
        var path = Path.Combine(VideoSet.Files, "long-20min.mp4");
        var error = await Assert.ThrowsAsync<UnreadableVideoException>(() => reader.ReadAsync(path, VideoSet.Files, 224, _ => { }, _ct));
        Assert.Contains("took longer than", error.Reason, StringComparison.Ordinal);
        // The stopped FFmpeg is gone, not left behind.
        Assert.Empty(FfmpegChildrenOf(Environment.ProcessId));
    }

    [Fact]
    public async Task WithoutFfmpeg_AVideoSaysToInstallIt()
    {
        var reader = new VideoReader(new VideoOptions { Ffmpeg = Path.Combine(_folder.FullName, "no-ffmpeg-here") }, 100_000_000);
        var error = await Assert.ThrowsAsync<UnreadableVideoException>(() => reader.ReadAsync(Path.Combine(VideoSet.Files, "scenes-h264.mp4"), VideoSet.Files, 224, _ => { }, _ct));
        Assert.Equal(VideoTools.InstallHint, error.Reason);
    }

    [Fact]
    public async Task AnIndexerKilledWithSigkill_LeavesNoFfmpegRunning()
    {
        // Ten hours of one colour decoded frame by frame (its keyframes are too far apart): FFmpeg runs for a while.
        var library = Directory.CreateDirectory(Path.Combine(_folder.FullName, "killed")).FullName;
        var video = Path.Combine(library, "one-colour-10h.mp4");
        File.Copy(Path.Combine(VideoSet.Hostile, "one-colour-10h.mp4"), video);
        using var indexer = ChildProcess.Start(ChildProcess.Cli, ["index", library, "--db", Path.Combine(_folder.FullName, "db"), "--device", "cpu", "--no-ocr", "--no-faces"]);
        var clock = Stopwatch.StartNew();
        List<int> children;
        while ((children = FfmpegChildrenOf(indexer.Id)).Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"no FFmpeg started\n{indexer.Stdout}\n{indexer.Stderr}");
            await Task.Delay(20, _ct);
        }

        // SIGKILL of the indexer alone (not its tree): nothing of its own runs after this.
        Process.GetProcessById(indexer.Id).Kill(entireProcessTree: false);
        clock.Restart();
        while (children.Any(IsRunning))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"FFmpeg {string.Join(", ", children)} outlived the killed indexer");
            await Task.Delay(20, _ct);
        }
    }

    private static int FramesOf(string db, string file)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(db, "catalog.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM items JOIN photos ON photos.id = items.photo_id WHERE items.collection = 'frames' AND photos.path LIKE '%' || $file";
        command.Parameters.AddWithValue("$file", file);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The FFmpeg processes whose parent is <paramref name="parent"/>.</summary>
    private static List<int> FfmpegChildrenOf(int parent) =>
        [.. Processes().Where(p => p.Name == "ffmpeg" && p.Parent == parent).Select(p => p.Id)];

    private static bool IsRunning(int id) => Processes().Any(p => p.Id == id && p.State != 'Z');

    private static IEnumerable<(int Id, string Name, int Parent, char State)> Processes()
    {
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }

            // "pid (name) state ppid ...": the name may hold spaces, so read around its parentheses.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var rest = stat[(close + 2)..].Split(' ');
            yield return (id, stat[(open + 1)..close], int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture), rest[0][0]);
        }
    }
}
