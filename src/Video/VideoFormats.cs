using System.Collections.Frozen;

namespace Retrieval.Video;

/// <summary>The file extensions the walk takes for videos; what reads one is told by its content (<see cref="VideoContainer"/>).</summary>
public static class VideoFormats
{
    /// <summary>MP4, MOV, M4V, 3GP, MKV, WebM, AVI, MTS and M2TS.</summary>
    public static FrozenSet<string> Extensions { get; } =
        new[] { ".mp4", ".mov", ".m4v", ".3gp", ".3g2", ".mkv", ".webm", ".avi", ".mts", ".m2ts" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> names a video.</summary>
    public static bool IsVideoName(string path) => Extensions.Contains(Path.GetExtension(path));
}
