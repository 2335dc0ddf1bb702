using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Places;

/// <summary>
/// The place a photo (or video) was taken, from its GPS position, offline (<see cref="PlaceIndex"/>): its town, the city
/// a district belongs to, the region and the country, in English and, for countries and large cities, Chinese — as the
/// keyword field <see cref="Field"/>, so <c>paris</c>, <c>France</c>, <c>法国</c> or <c>new south wales</c> find it in
/// keyword search and count as its own words in the default search; and as the photo's row in the catalog's
/// <c>places</c> (for browsing by place), stamped with the data's <see cref="PlaceIndex.Version"/>. Needs no pixels: a
/// position is metadata. When the data changes (or for an index made before places existed), photos are placed again
/// from their stored positions, without reading them (<see cref="RefreshFromCatalog"/>).
/// </summary>
public sealed class PlacesAnalyzer(PlaceIndex places) : IPhotoAnalyzer
{
    /// <summary>The keyword field of a photo's place names.</summary>
    public const string Field = "place";

    /// <inheritdoc />
    public string Name => "places";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => AnalyzerNeeds.NoPixels;

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Metadata is not { } metadata)
        {
            return; // not read (keywords only): the place it has stands
        }

        if (metadata is { Latitude: { } latitude, Longitude: { } longitude })
        {
            var place = places.Locate(latitude, longitude);
            photo.SetField(Field, NamesOf(place));
            photo.Record((catalog, id) => catalog.RecordPlace(id, RowOf(place), places.Version));
        }
        else
        {
            photo.SetField(Field, []);
            photo.Record((catalog, id) => catalog.ForgetPlace(id));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<long> RefreshFromCatalog(ICatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var positions = catalog.PositionsToPlace(places.Version);
        foreach (var (id, latitude, longitude) in positions)
        {
            var place = places.Locate(latitude, longitude);
            catalog.RecordPlace(id, RowOf(place), places.Version);
            catalog.ReplaceField(id, Field, NamesOf(place));
        }

        return [.. positions.Select(p => p.Id)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) => CatchUp.Nothing;

    /// <summary>Every name a person may search the place by, each once; none for no place.</summary>
    public static IReadOnlyList<string> NamesOf(Place? place)
    {
        if (place is null)
        {
            return [];
        }

        string?[] names =
        [
            place.Name, place.ParentCity, .. place.AlternateNames, .. place.CityAlternateNames, place.Region,
            place.Country.Name, place.Country.ChineseName, .. place.Country.Aliases, place.Country.Code,
        ];
        return [.. names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The catalog's row for a place (null: at sea).</summary>
    private static PhotoPlace? RowOf(Place? place) =>
        place is null ? null : new PhotoPlace(place.Name, place.City, place.Region, place.Country.Name, place.Country.Code, place.DistanceKm);
}
