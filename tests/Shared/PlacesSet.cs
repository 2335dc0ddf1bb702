using System.Globalization;
using System.Text.Json;

namespace Retrieval.Testing;

/// <summary>
/// The committed place library (<c>tests/places-set</c>, made by its <c>build.py</c>): small JPEGs, each with an EXIF
/// GPS position and date taken, and the place the offline geocoder should name for it (or none: sea, no valid fix).
/// </summary>
public static class PlacesSet
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "places-set");

    public static string Files => Path.Combine(Folder, "files");

    /// <summary>Every file of the set, in expected.json's order.</summary>
    public static IReadOnlyList<Photo> Photos { get; } = Load();

    private static List<Photo> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return [.. json.RootElement.GetProperty("files").EnumerateArray().Select(f => new Photo(
            f.GetProperty("file").GetString()!,
            Number(f.GetProperty("latitude")),
            Number(f.GetProperty("longitude")),
            DateTime.Parse(f.GetProperty("takenAt").GetString()!, CultureInfo.InvariantCulture),
            f.GetProperty("place") is { ValueKind: JsonValueKind.Object } place ? new ExpectedPlace(
                Text(place, "name"), Text(place, "parentCity"), Text(place, "city"), Text(place, "region"),
                Text(place, "countryCode")!, Text(place, "country")!, Text(place, "countryChinese")!) : null))];
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    private static string? Text(JsonElement place, string name) => place.GetProperty(name).GetString();

    /// <summary>
    /// A file of the set: the position its EXIF holds (null where a value is no number), when it was taken, and the
    /// place it should be filed under (null: no place).
    /// </summary>
    public sealed record Photo(string File, double? Latitude, double? Longitude, DateTime TakenAt, ExpectedPlace? Place)
    {
        public string Path => System.IO.Path.Combine(Files, File);
    }

    /// <summary>The names the geocoder should give a file's position: null fields are names it must not have.</summary>
    public sealed record ExpectedPlace(string? Name, string? ParentCity, string? City, string? Region, string CountryCode, string Country, string CountryChinese)
    {
        /// <summary>Every whole name of the place that expected.json lists (the data's alternate spellings aside).</summary>
        public IEnumerable<string> Names => new[] { Name, ParentCity, Region, Country, CountryChinese, CountryCode }.OfType<string>();
    }
}
