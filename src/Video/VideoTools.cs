namespace Retrieval.Video;

/// <summary>Where FFmpeg and ffprobe are (<see cref="VideoOptions.Ffmpeg"/>, else <c>PATH</c>), or why they are not.</summary>
public sealed class VideoTools
{
    /// <summary>What to do when FFmpeg is missing: the reason a video is recorded as failed.</summary>
    public const string InstallHint = "install ffmpeg to index videos (Debian and Ubuntu: apt install ffmpeg; or set Retrieval:Video:Ffmpeg to its path)";

    private VideoTools(string? ffmpeg, string? ffprobe) => (Ffmpeg, Ffprobe) = (ffmpeg, ffprobe);

    /// <summary>The ffmpeg program's full path; null when it was not found.</summary>
    public string? Ffmpeg { get; }

    /// <summary>The ffprobe program's full path (beside ffmpeg); null when it was not found.</summary>
    public string? Ffprobe { get; }

    /// <summary>Whether both programs were found.</summary>
    public bool Available => Ffmpeg is not null && Ffprobe is not null;

    /// <summary>Looks for the programs <paramref name="options"/> names.</summary>
    public static VideoTools Find(VideoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ffmpeg = Resolve(options.Ffmpeg);
        var ffprobe = ffmpeg is null ? null : Executable(Path.Combine(Path.GetDirectoryName(ffmpeg)!, OperatingSystem.IsWindows() ? "ffprobe.exe" : "ffprobe"));
        return new VideoTools(ffmpeg, ffprobe);
    }

    private static string? Resolve(string program)
    {
        if (string.IsNullOrWhiteSpace(program))
        {
            return null;
        }

        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Executable(Path.GetFullPath(program));
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Executable(Path.Combine(folder, program)))
            .FirstOrDefault(found => found is not null);
    }

    private static string? Executable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0) ? path : null;
}
