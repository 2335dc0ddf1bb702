using System.Globalization;

namespace Retrieval.Places;

/// <summary>
/// The positions within <see cref="RadiusKm"/> of a centre on the Earth (great-circle distance): what a map client asks
/// for with <c>near:LAT,LON[,KM]</c>.
/// </summary>
/// <param name="Latitude">The centre's latitude in degrees, north positive (−90 to 90).</param>
/// <param name="Longitude">The centre's longitude in degrees, east positive (−180 to 180).</param>
/// <param name="RadiusKm">The radius in kilometres (more than 0, at most half the Earth's circumference).</param>
public sealed record GeoCircle(double Latitude, double Longitude, double RadiusKm)
{
    /// <summary>The radius when none is given: a town and its surroundings.</summary>
    public const double DefaultRadiusKm = 10;

    private const double EarthRadiusKm = PlaceGrid.EarthRadiusKm;
    private const double MaxRadiusKm = Math.PI * EarthRadiusKm;

    /// <summary>How far south the circle reaches, in degrees of latitude (a bound for an index on latitude).</summary>
    public double South => Math.Max(-90, Latitude - Degrees);

    /// <summary>How far north the circle reaches, in degrees of latitude.</summary>
    public double North => Math.Min(90, Latitude + Degrees);

    private double Degrees => RadiusKm / EarthRadiusKm * (180 / Math.PI);

    /// <summary>Reads <c>LAT,LON</c> or <c>LAT,LON,KM</c>; null (with the reason) when the text is not one.</summary>
    public static GeoCircle? TryParse(string text, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            reason = "give a position as LAT,LON or LAT,LON,KM in decimal degrees (near:48.8584,2.2945,5)";
            return null;
        }

        var numbers = parts.Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        var circle = new GeoCircle(numbers[0], numbers[1], numbers.Length == 3 ? numbers[2] : DefaultRadiusKm);
        reason = circle switch
        {
            { Latitude: not (>= -90 and <= 90) } => $"latitude {parts[0]} is not between -90 and 90",
            { Longitude: not (>= -180 and <= 180) } => $"longitude {parts[1]} is not between -180 and 180",
            { RadiusKm: not (> 0 and <= MaxRadiusKm) } => $"the radius {parts[2]} km is not more than 0 and at most {MaxRadiusKm:0} km",
            _ => null,
        };
        return reason is null ? circle : null;
    }

    /// <summary>Whether a position lies in the circle (NaN never does).</summary>
    public bool Contains(double latitude, double longitude) => DistanceKm(Latitude, Longitude, latitude, longitude) <= RadiusKm;

    /// <summary>The great-circle distance between two positions (haversine), in kilometres.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        const double radians = Math.PI / 180;
        var halfLatitude = Math.Sin((latitude2 - latitude1) * radians / 2);
        var halfLongitude = Math.Sin((longitude2 - longitude1) * radians / 2);
        var h = (halfLatitude * halfLatitude) + (Math.Cos(latitude1 * radians) * Math.Cos(latitude2 * radians) * halfLongitude * halfLongitude);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Latitude},{Longitude},{RadiusKm}");
}
