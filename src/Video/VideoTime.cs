using System.Globalization;

namespace Retrieval.Video;

/// <summary>A moment in a video as people write it: <c>0:12</c>, <c>1:05:09</c>.</summary>
public static class VideoTime
{
    /// <summary><paramref name="seconds"/> as minutes and seconds (hours when there are any).</summary>
    public static string Format(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return time.TotalHours >= 1
            ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
