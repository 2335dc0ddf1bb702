namespace Retrieval.Catalog;

/// <summary>
/// Where the catalog says a photo was taken (its <c>places</c> row): the nearest town, the city it is filed under, the
/// region, and the country with its ISO code. Name and city are null when only the country is known.
/// </summary>
public sealed record PhotoPlace(string? Name, string? City, string? Region, string Country, string Code, double? DistanceKm)
{
    /// <summary>How people say it: the town, the city it is a district of, and the country ("Paris, France", "Shibuya, Tokyo, Japan").</summary>
    public string Label => string.Join(", ", new[] { Name, City, Country }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase));
}
