using System.Globalization;
using System.Text.RegularExpressions;

namespace Retrieval.Video;

/// <summary>A position written as ISO 6709 decimal degrees, as phones store it in videos: <c>+48.8584+002.2945+035.000/</c>.</summary>
public static partial class Iso6709
{
    /// <summary>The latitude and longitude <paramref name="text"/> gives, or null when it is not such a position or is out of range.</summary>
    public static (double Latitude, double Longitude)? Parse(string? text)
    {
        if (text is null || Position().Match(text.Trim()) is not { Success: true } match)
        {
            return null;
        }

        var latitude = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var longitude = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180 ? (latitude, longitude) : null;
    }

    [GeneratedRegex(@"^([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)(?:[+-]\d+(?:\.\d+)?)?(?:CRS[^/]*)?/?$")]
    private static partial Regex Position();
}
