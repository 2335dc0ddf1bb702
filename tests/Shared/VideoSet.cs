using System.Text.Json;
using Xunit;

namespace Retrieval.Testing;

/// <summary>
/// The committed video library (<c>tests/video-set</c>): each clip with its scenes (when each starts and ends, and words
/// that find it), the pairs that are and are not copies, and the Live Photo. Tests of videos need FFmpeg: without it they
/// skip with the reason, except under <c>CI=true</c>, where CI installs it and its absence is a failure.
/// </summary>
public static class VideoSet
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "video-set");

    public static string Files => Path.Combine(Folder, "files");

    public static string Hostile => Path.Combine(Folder, "hostile");

    /// <summary>Every clip's scenes, by file.</summary>
    public static IReadOnlyList<Scene> Scenes { get; } = Load();

    /// <summary>Fails the test under CI, else skips it, when <c>ffmpeg</c> is not on PATH.</summary>
    public static void RequireFfmpeg()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "ffmpeg")));
        if (found)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("ffmpeg is not installed, and CI=true forbids skipping (.ci/run installs it)");
        }

        Assert.Skip("ffmpeg is not installed (apt install ffmpeg)");
    }

    private static List<Scene> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return [.. json.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("file").GetString()!.EndsWith(".JPG", StringComparison.Ordinal) is false)
            .SelectMany(f => f.GetProperty("scenes").EnumerateArray().Select(s => new Scene(
                f.GetProperty("file").GetString()!, s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("query").GetString()!)))];
    }

    /// <summary>A scene of a clip: from <paramref name="Start"/> to <paramref name="End"/> seconds it shows what <paramref name="Query"/> names.</summary>
    public sealed record Scene(string File, double Start, double End, string Query);
}
