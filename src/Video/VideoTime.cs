using System.Globalization;

namespace Retrieval.Video;

/// <summary>A moment in a video as people write it (<c>0:12</c>, <c>1:05:09</c>), and as a frame's item payload keeps it (<c>12.48</c>).</summary>
public static class VideoTime
{
    /// <summary><paramref name="seconds"/> as a frame item's payload: seconds, to the millisecond.</summary>
    public static string ToPayload(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The seconds a frame item's payload holds (a flat frame's mark after them is ignored), or null when it holds none.</summary>
    public static double? FromPayload(string? payload)
    {
        var number = payload?.Split(' ', 2)[0];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    /// <summary><paramref name="seconds"/> as minutes and seconds (hours when there are any).</summary>
    public static string Format(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return time.TotalHours >= 1
            ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
