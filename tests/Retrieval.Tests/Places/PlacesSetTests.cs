using Retrieval.Indexing;
using Retrieval.Places;
using Retrieval.Testing;

namespace Retrieval.Tests.Places;

/// <summary>
/// Each committed file of tests/places-set, its GPS read back by the product's metadata reader, is placed by the shipped
/// places file exactly as expected.json says: town, district's city, region, country in English and Chinese, its code;
/// the country alone far from towns; nothing at sea or for a position that is no fix (0/0, out of range, (0, 0)).
/// </summary>
public sealed class PlacesSetTests
{
    private static readonly Lazy<PlaceIndex> Shipped = new(() => PlaceIndex.Load(RepositoryPaths.Places));

    public static TheoryData<string> Files => [.. PlacesSet.Photos.Select(p => p.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void EachFile_IsPlacedAsExpected(string file)
    {
        var photo = PlacesSet.Photos.Single(p => p.File == file);
        var metadata = PhotoMetadataReader.Read(File.ReadAllBytes(photo.Path));

        // What the reader gives is what the file holds; only a value that is no number, off the globe, or (0, 0), is no position.
        if (metadata is { Latitude: { } latitude, Longitude: { } longitude })
        {
            Assert.True(Near(photo.Latitude, latitude) && Near(photo.Longitude, longitude),
                $"{file}: the reader gave ({latitude}, {longitude}), the file holds ({photo.Latitude}, {photo.Longitude})");
        }
        else
        {
            Assert.True(photo.Latitude is null || photo.Longitude is null || (photo.Latitude, photo.Longitude) == (0, 0)
                || Math.Abs(photo.Latitude.Value) > 90 || Math.Abs(photo.Longitude.Value) > 180,
                $"{file}: the reader gave no position for ({photo.Latitude}, {photo.Longitude})");
        }

        var place = metadata is { Latitude: { } lat, Longitude: { } lon } ? Shipped.Value.Locate(lat, lon) : null;
        var expected = photo.Place;
        var found = place is null ? null : new PlacesSet.ExpectedPlace(place.Name, place.ParentCity, place.City, place.Region,
            place.Country.Code, place.Country.Name, place.Country.ChineseName);
        Assert.Equal(expected, found);
        Assert.Equal(photo.TakenAt, metadata.TakenAt);
    }

    private static bool Near(double? expected, double actual) => expected is { } value && Math.Abs(value - actual) < 1e-6;
}
