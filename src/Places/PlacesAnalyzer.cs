using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Places;

/// <summary>
/// The place a photo (or video) was taken, from its GPS position, offline (<see cref="PlaceIndex"/>): its town, the city
/// a district belongs to, the region and the country, in English and, for countries and large cities, Chinese — as the
/// keyword field <see cref="Field"/>, so <c>paris</c>, <c>France</c>, <c>法国</c> or <c>new south wales</c> find it in
/// keyword search and count as its own words in the default search. Needs no pixels: a position is metadata.
/// </summary>
/// <remarks>
/// Photos indexed before it existed are placed when they are next read; the catalog's own table of places (browsing by
/// place, re-placing when the data changes) comes with the rest of issue 32.
/// </remarks>
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

        var place = metadata is { Latitude: { } latitude, Longitude: { } longitude } ? places.Locate(latitude, longitude) : null;
        photo.SetField(Field, place is null ? [] : NamesOf(place));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) => CatchUp.Nothing;

    /// <summary>Every name a person may search the place by, each once.</summary>
    public static IReadOnlyList<string> NamesOf(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        string?[] names = [place.Name, place.ParentCity, .. place.AlternateNames, place.Region, place.Country.Name, place.Country.ChineseName, place.Country.Code];
        return [.. names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
