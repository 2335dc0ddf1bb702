namespace Retrieval.Video;

/// <summary>FFmpeg's error output made into a one-line reason: its last meaningful line, without the address prefix it puts on each.</summary>
internal static class FfmpegError
{
    private const int MaxChars = 200;

    /// <summary>The reason in <paramref name="errors"/> (FFmpeg's error output), or a plain one when it said nothing.</summary>
    public static string Summary(string errors)
    {
        // The last line is often a generic one ("Invalid data found when processing input"); the line before it says why.
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Error opening input", StringComparison.Ordinal) && !l.StartsWith("Last message repeated", StringComparison.Ordinal))
            .Select(Clean).Distinct(StringComparer.Ordinal).TakeLast(2).ToList();
        var line = lines.Count == 0 ? "FFmpeg gave no reason" : string.Join("; ", lines);
        return line.Length <= MaxChars ? line : line[..MaxChars] + "...";
    }

    private static string Clean(string line)
    {
        // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c1f0] moov atom not found" -> "moov atom not found"
        while (line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is var end and > 0)
        {
            line = line[(end + 2)..];
        }

        // The input is named by its /proc address, which means nothing to a reader.
        var colon = line.IndexOf("/fd/", StringComparison.Ordinal) is var fd and >= 0 ? line.IndexOf(": ", fd, StringComparison.Ordinal) : -1;
        if (colon > 0)
        {
            line = line[(colon + 2)..];
        }

        return line;
    }
}
