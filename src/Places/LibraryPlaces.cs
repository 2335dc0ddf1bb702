using Retrieval.Catalog;

namespace Retrieval.Places;

/// <summary>
/// Where a library's photos were taken, as a tree to browse: countries, their regions, their cities, each with its count
/// and cover, most photos first (then by name); and how many photos have no place (no position, or one at sea). Photos
/// placed in a country alone (far from any town) are a city with no name in the region with no name, so every photo of
/// a country is somewhere below it.
/// </summary>
/// <param name="Countries">The countries.</param>
/// <param name="Unplaced">The photos allowed that have no place.</param>
public sealed record LibraryPlaces(IReadOnlyList<PlaceGroup> Countries, int Unplaced)
{
    /// <summary>The places of the photos <paramref name="filter"/> allows in <paramref name="catalog"/>.</summary>
    public static LibraryPlaces Of(ICatalogReader catalog, PhotoFilter filter)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(filter);
        var allowed = catalog.SearchableIds(filter);
        var ids = allowed.ToHashSet();
        var placed = catalog.PlacedPhotos().Where(p => ids.Contains(p.Id)).ToList();
        var countries = Groups(placed, p => p.Place.Code, (code, photos) =>
        {
            var regions = Groups(photos, p => p.Place.Region, (region, inRegion) =>
                Group(region, null, inRegion, Groups(inRegion, p => p.Place.City, (city, inCity) => Group(city, null, inCity, []))));
            return Group(photos[0].Place.Country, code, photos, regions);
        });
        return new LibraryPlaces(countries, allowed.Count - placed.Count);
    }

    private static List<PlaceGroup> Groups(IEnumerable<PlacedPhoto> photos, Func<PlacedPhoto, string?> key, Func<string?, List<PlacedPhoto>, PlaceGroup> group) =>
        [.. photos.GroupBy(key, StringComparer.OrdinalIgnoreCase).Select(g => group(g.Key, [.. g]))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name is null ? 1 : 0).ThenBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>A group of photos; its cover the newest taken (photos without a date last; ISO dates sort as text), the latest indexed among equals.</summary>
    private static PlaceGroup Group(string? name, string? code, List<PlacedPhoto> photos, IReadOnlyList<PlaceGroup> parts)
    {
        var cover = photos.OrderByDescending(p => p.TakenAt, StringComparer.Ordinal).ThenByDescending(p => p.Id).First();
        return new PlaceGroup(name, code, photos.Count, cover.Id, parts);
    }
}
