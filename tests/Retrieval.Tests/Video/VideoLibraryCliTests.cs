using System.Globalization;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Video;

/// <summary>
/// The committed video library indexed by the CLI with the default model, as a new user's would be: each scene's words
/// find its clip first, saying when; a Live Photo is one result; a clip and its re-encode are copies, two clips opening
/// on the same black or title card are not; filters and metadata work on videos.
/// </summary>
public sealed class VideoLibraryCliTests(VideoLibraryCliTests.Library library) : IClassFixture<VideoLibraryCliTests.Library>
{
    /// <summary>Every scene but the Live Photo's movie (a companion: its still answers for it).</summary>
    public static TheoryData<string, double, double, string> Scenes =>
        [.. VideoSet.Scenes.Where(s => s.File != "IMG_0100.MOV").Select(s => (s.File, s.Start, s.End, s.Query))];

    [Theory]
    [MemberData(nameof(Scenes))]
    public async Task ASceneWords_FindItsClipFirst_AtAMomentInsideTheScene(string file, double start, double end, string query)
    {
        var results = await library.SearchAsync(query);
        var first = results[0];
        // A clip and its re-encode show the same scenes: either may come first.
        var copies = file.StartsWith("clip-", StringComparison.Ordinal) ? (string[])["clip-original.mp4", "clip-reencoded.mp4"] : [file];
        var found = Path.GetFileName(first.GetProperty("path").GetString()!);
        Assert.True(copies.Contains(found), $"'{query}': {found} came first, not {file}");
        Assert.Equal("video", first.GetProperty("kind").GetString());
        var at = first.GetProperty("at").GetDouble();
        // The re-encode is cut by a second at its start: its scenes come a second earlier.
        var shift = found == "clip-reencoded.mp4" && file == "clip-original.mp4" ? 1 : 0;
        Assert.True(at >= start - shift - 0.05 && at <= end - shift + 0.05, $"'{query}': at {at} s, outside its scene {start}-{end} s of {file}");
        Assert.Contains(first.GetProperty("why").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains("best at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTextOutput_SaysWhen()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "pitch baseball game", "--db", library.Db, "--device", "cpu", "--k", "3"]);
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"1\. [0-9.]+  .*scenes-h264\.mp4  at 0:(0[6-9]|1[01]) \([0-9.]+ s\) of 0:24", stdout);
    }

    [Fact]
    public async Task ALivePhoto_IsOneResult_ItsMovieACompanion()
    {
        var results = await library.SearchAsync("woods dog", "--min-score", "-1", "--k", "30");
        var names = results.Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).ToList();
        Assert.Equal("IMG_0100.JPG", names[0]);
        Assert.DoesNotContain("IMG_0100.MOV", names);
        Assert.Equal(1, library.Status.GetProperty("photos").GetProperty("companions").GetInt64());
    }

    [Fact]
    public void Status_CountsVideosByContainer_AndNamesFfmpeg()
    {
        var formats = library.Status.GetProperty("formats").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(8, formats["mp4"]);
        Assert.Equal(2, formats["mov"]);
        Assert.Equal(1, formats["jpeg"]);
        Assert.Equal(0, library.Status.GetProperty("videos").GetProperty("waitingForFfmpeg").GetInt64());
        Assert.EndsWith("ffmpeg", library.Status.GetProperty("videos").GetProperty("ffmpeg").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type:video", true)]
    [InlineData("type:photo", false)]
    public async Task TheTypeFilter_NarrowsToVideosOrPhotos(string filter, bool videos)
    {
        var results = await library.SearchAsync($"woods dog {filter}", "--min-score", "-1", "--k", "30");
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(videos ? "video" : "photo", r.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task AFilterAlone_ListsEveryVideo_NewestFirst()
    {
        var results = await library.SearchAsync("type:video", "--k", "50");
        Assert.Equal(10, results.Count); // the set's clips, less the Live Photo's movie
        Assert.All(results, r => Assert.Equal("video", r.GetProperty("kind").GetString()));
        var dates = results.Select(r => r.TryGetProperty("takenAt", out var taken) ? taken.GetString() : null).ToList();
        var dated = dates.TakeWhile(d => d is not null).ToList();
        Assert.Equal(dated.OrderDescending(StringComparer.Ordinal), dated);
        Assert.All(dates.Skip(dated.Count), d => Assert.Null(d)); // undated last
        Assert.Equal("2022-03-12T10:41:00", dated[0]); // the phone clip is the newest
    }

    [Theory]
    [InlineData("scenes-h264.mp4", "2021-06-05T14:30:00Z")]
    [InlineData("scenes-hevc.mov", "2019-08-17T10:15:00")] // Apple's creation date keeps the phone's own clock
    [InlineData("rotated-phone.mov", "2022-03-12T10:41:00")]
    public async Task AClipsDateAndSize_AreTheContainers(string file, string taken)
    {
        var hit = (await library.SearchAsync($"folder:files {Path.GetFileNameWithoutExtension(file)}", "--mode", "keyword")).First(r => r.GetProperty("path").GetString()!.EndsWith(file, StringComparison.Ordinal));
        var expected = taken.EndsWith('Z')
            ? DateTime.Parse(taken, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).ToLocalTime().ToString("s", CultureInfo.InvariantCulture)
            : taken;
        Assert.Equal(expected, hit.GetProperty("takenAt").GetString());
        // A phone's portrait clip is stored sideways with a rotation: it is shown, and sized, upright.
        Assert.Equal(file == "rotated-phone.mov" ? (360, 640) : (640, 360), (hit.GetProperty("width").GetInt32(), hit.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task AReencodedClip_IsACopy_ButClipsSharingABlackOrTitleOpeningAreNot()
    {
        Assert.Equal(["clip-original.mp4 ~ clip-reencoded.mp4"], await ReportedCopies.OfAsync(library.Db));
    }

    /// <summary>The video set indexed once, with its status.</summary>
    public sealed class Library : IAsyncLifetime
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-videos-");

        public string Db => Path.Combine(_folder.FullName, "db");

        public JsonElement Status { get; private set; }

        public async ValueTask InitializeAsync()
        {
            VideoSet.RequireFfmpeg();
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", VideoSet.Files, "--db", Db, "--device", "cpu"]);
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--json", "--db", Db]);
            Assert.True(exit == 0, stderr);
            Status = JsonDocument.Parse(stdout).RootElement.Clone();
        }

        public async Task<List<JsonElement>> SearchAsync(string query, params string[] options)
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", Db, "--device", "cpu", "--json", .. options]);
            Assert.True(exit == 0, stderr);
            return [.. JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone())];
        }

        public ValueTask DisposeAsync()
        {
            _folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
