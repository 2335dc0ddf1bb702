using System.Security.Cryptography;
using Retrieval.Errors;

namespace Retrieval.Places;

/// <summary>
/// Offline reverse geocoding: the place a photo's GPS position names (town, district's city, region, country), from
/// the bundled data/places/places.bin.gz. Load it once; it is immutable, so one instance serves every thread.
/// A lookup takes well under a microsecond and allocates one small record at most.
/// </summary>
public sealed class PlaceIndex
{
    /// <summary>
    /// How far the nearest town may be for a position to be named after it: 40 km. Where people live, a town of 500 is
    /// seldom more than 10–15 km away, so this rarely decides there; where none is within 40 km (desert, high
    /// mountains, ice, open country in the outback or Siberia), "near X" would mislead, so only the country is given.
    /// </summary>
    public const double NearbyKm = 40;

    /// <summary>The version of how a position is named (<see cref="Locate"/>'s rules): raised when they change, so photos are placed again.</summary>
    private const int NamingRules = 1;

    private readonly PlaceRecords _records;
    private readonly PlaceGrid _grid;
    private readonly CountryRaster _raster;

    private PlaceIndex(PlaceRecords records, PlaceGrid grid, CountryRaster raster)
    {
        _records = records;
        _grid = grid;
        _raster = raster;
    }

    /// <summary>How many populated places the index holds.</summary>
    public int PlaceCount => _records.Count;

    /// <summary>How many countries the index names.</summary>
    public int CountryCount => _records.CountryCount;

    /// <summary>
    /// The data's version: a digest of the file and of the naming rules here. Photos are placed again (from their stored
    /// position) when it changes.
    /// </summary>
    public string Version { get; private init; } = "";

    /// <summary>Loads a places file (data/places/places.bin.gz, copied beside the program as places/places.bin.gz).</summary>
    /// <exception cref="PlaceDataException">The file is missing, unreadable, damaged or of another version.</exception>
    public static async Task<PlaceIndex> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return FromBytes(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>Loads a places file synchronously, for a start-up path that has no async context.</summary>
    /// <exception cref="PlaceDataException">The file is missing, unreadable, damaged or of another version.</exception>
    public static PlaceIndex Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return FromBytes(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>
    /// The place at a position: the nearest town within <see cref="NearbyKm"/>; else, on a country's land, the country
    /// alone; else (at sea) null. Also null for a position that is no fix: NaN or infinite, latitude outside ±90 or
    /// longitude outside ±180, or exactly (0, 0), which cameras write when they have none. Longitude wraps at ±180,
    /// and both poles are ordinary positions (the North Pole is sea; the South Pole is on Antarctica's land).
    /// </summary>
    public Place? Locate(double latitude, double longitude)
    {
        if (!IsFix(latitude, longitude))
        {
            return null;
        }

        if (_grid.TryNearest(latitude, longitude, NearbyKm, out var place, out var distanceKm))
        {
            return _records.ToPlace(place, distanceKm);
        }

        var country = _raster.CountryAt(latitude, longitude);
        return country < 0 ? null : _records.CountryOnly(country);
    }

    /// <summary>Whether a GPS position is one (NaN and out-of-range values compare false, so they fail every test).</summary>
    private static bool IsFix(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180 && !(latitude == 0 && longitude == 0);

    private static PlaceIndex FromBytes(byte[] file, string path)
    {
        var (records, grid, raster) = PlaceFile.Read(file, path);
        return new PlaceIndex(records, grid, raster) { Version = $"{NamingRules}-{Convert.ToHexStringLower(SHA256.HashData(file).AsSpan(0, 8))}" };
    }

    private static PlaceDataException Unreadable(string path, Exception e) => new(path, e.Message, e);
}
