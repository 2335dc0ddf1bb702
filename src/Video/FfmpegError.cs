namespace Retrieval.Video;

/// <summary>FFmpeg's error output made into a one-line reason: its last meaningful line, without the address prefix it puts on each.</summary>
internal static class FfmpegError
{
    private const int MaxChars = 200;

    /// <summary>The reason in <paramref name="errors"/> (FFmpeg's error output), or a plain one when it said nothing.</summary>
    public static string Summary(string errors)
    {
        var line = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => !l.StartsWith("Error opening input files", StringComparison.Ordinal))
            ?? "FFmpeg gave no reason";
        // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c1f0] moov atom not found" -> "moov atom not found"
        if (line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is var end and > 0)
        {
            line = line[(end + 2)..];
        }

        // The input is named by its /proc address, which means nothing to a reader.
        var colon = line.IndexOf("/fd/", StringComparison.Ordinal) is var fd and >= 0 ? line.IndexOf(": ", fd, StringComparison.Ordinal) : -1;
        if (colon > 0)
        {
            line = line[(colon + 2)..];
        }

        return line.Length <= MaxChars ? line : line[..MaxChars] + "...";
    }
}
