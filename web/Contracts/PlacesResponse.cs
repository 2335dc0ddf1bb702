namespace Retrieval.Web.Contracts;

/// <summary>
/// Where the photos were taken: countries (most photos first), each with its regions and their cities; every place with
/// its photo count and a cover photo's id (its thumbnail at <c>/api/images/{cover}/thumbnail</c>). <c>Unplaced</c>
/// counts the photos with no place (no GPS position, or one at sea). A region's name is null for the towns the place
/// data gives no region.
/// </summary>
public sealed record PlacesResponse(IReadOnlyList<PlacesResponse.CountryPlaces> Countries, int Unplaced)
{
    /// <summary>A country, by ISO code and English name.</summary>
    public sealed record CountryPlaces(string Code, string Name, int Count, long Cover, IReadOnlyList<RegionPlaces> Regions);

    /// <summary>A first-level division of a country (a state, a province, a region).</summary>
    public sealed record RegionPlaces(string? Name, int Count, long Cover, IReadOnlyList<CityPlaces> Cities);

    /// <summary>A city or town; a null name for the photos placed in the country alone, far from any town.</summary>
    public sealed record CityPlaces(string? Name, int Count, long Cover);
}
