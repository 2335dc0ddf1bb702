using Retrieval.Errors;
using Retrieval.Places;

namespace Retrieval.Tests.Places;

/// <summary>
/// The lookup's geometry on places made for the test (the nearest place against a brute-force haversine, the
/// antimeridian, the poles, the distance limit, the (0, 0) rule) and the loader's answer to a damaged file.
/// </summary>
public sealed class PlaceFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-places-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ATownAtZeroZero_IsFoundBesideIt_ButZeroZeroItselfIsNoFix()
    {
        var index = Load(new TestPlaceFile().Add("Null Island", 0, 0));

        Assert.Null(index.Locate(0, 0));
        Assert.Equal("Null Island", index.Locate(0.001, 0.001)?.Name);
        Assert.Equal("Null Island", index.Locate(-0.001, 0)?.Name);
    }

    [Fact]
    public void DistanceWrapsAtTheAntimeridian()
    {
        var index = Load(new TestPlaceFile().Add("East", 10, 179.9).Add("West", 10, -179.5));

        var place = index.Locate(10, -179.9);

        Assert.Equal("East", place?.Name);
        Assert.Equal(Haversine(10, -179.9, 10, 179.9), place!.DistanceKm!.Value, 0.01);
        Assert.Equal("West", index.Locate(10, -179.6)?.Name);
    }

    [Fact]
    public void NearThePoles_EveryLongitudeIsNear()
    {
        var index = Load(new TestPlaceFile().Add("North", 89.9, 0).Add("South", -89.8, 90));

        Assert.Equal("North", index.Locate(89.9, 180)?.Name); // 22 km across the pole
        Assert.Equal("North", index.Locate(90, -77)?.Name);
        Assert.Equal("South", index.Locate(-90, 0)?.Name);
        Assert.Equal("South", index.Locate(-89.9, -90)?.Name);
    }

    [Fact]
    public void BeyondTheLimit_OnlyTheCountry_AtSeaNothing()
    {
        // 0.35 degree of latitude is 38.9 km, 0.37 is 41.1 km; the country's land is the cell square 9-11 N, 9-11 E.
        var index = Load(new TestPlaceFile().Add("Town", 10, 10).Land(9, 11, 9, 11));

        Assert.Equal("Town", index.Locate(10.35, 10)?.Name);
        var far = index.Locate(10.37, 10);
        Assert.Equal((null, "TC"), (far?.Name, far?.Country.Code));
        Assert.Null(index.Locate(11.5, 10));
    }

    [Fact]
    public void TheNearestPlace_IsTheOneABruteForceSearchFinds()
    {
        var random = new Random(7);
        var file = new TestPlaceFile();
        var towns = new List<(double Latitude, double Longitude)>();
        for (var i = 0; i < 3000; i++)
        {
            // Dense near the antimeridian and the poles, where grids go wrong; sparse elsewhere.
            var latitude = i % 3 == 0 ? 85 + (random.NextDouble() * 5) : (random.NextDouble() * 40) - 20;
            var longitude = i % 3 == 1 ? 179 + (random.NextDouble() * 2) : (random.NextDouble() * 360) - 180;
            longitude = longitude > 180 ? longitude - 360 : longitude;
            towns.Add((latitude, longitude));
            file.Add($"T{i}", latitude, longitude);
        }

        var index = Load(file);
        var checkedNear = 0;
        for (var q = 0; q < 3000; q++)
        {
            var (latitude, longitude) = towns[random.Next(towns.Count)];
            latitude = Math.Clamp(latitude + ((random.NextDouble() - 0.5) * 0.8), -90, 90);
            longitude += (random.NextDouble() - 0.5) * 3;
            longitude = longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;

            var distances = towns.Select(t => Haversine(latitude, longitude, t.Latitude, t.Longitude)).ToList();
            var nearest = distances.IndexOf(distances.Min());
            var place = index.Locate(latitude, longitude);
            if (distances[nearest] <= PlaceIndex.NearbyKm - 0.01)
            {
                Assert.True(place?.Name == $"T{nearest}", $"({latitude}, {longitude}): {place?.Name} instead of T{nearest} at {distances[nearest]} km");
                Assert.Equal(distances[nearest], place!.DistanceKm!.Value, 0.01);
                checkedNear++;
            }
            else if (distances[nearest] > PlaceIndex.NearbyKm + 0.01)
            {
                Assert.Null(place);
            }
        }

        Assert.True(checkedNear > 1000, $"only {checkedNear} positions had a town within the limit");
    }

    [Fact]
    public void ADistrict_CarriesItsCity_AndItsAlternateNames()
    {
        var index = Load(new TestPlaceFile().Add("Big City", 20, 20).Add("Quarter", 20.01, 20, parent: 0, alternates: ["Quartier", "区"]));

        var place = index.Locate(20.011, 20);

        Assert.Equal(("Quarter", "Big City", "Big City"), (place?.Name, place?.ParentCity, place?.City));
        Assert.Equal(["Quartier", "区"], place!.AlternateNames);
    }

    [Fact]
    public async Task AMissingFile_IsAPlaceDataException()
    {
        var path = Path.Combine(_folder.FullName, "absent.bin.gz");

        Assert.Equal(path, Assert.Throws<PlaceDataException>(() => PlaceIndex.Load(path)).Path);
        await Assert.ThrowsAsync<PlaceDataException>(() => PlaceIndex.LoadAsync(path, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void ATruncatedFile_IsAPlaceDataException(int keep)
    {
        var whole = new TestPlaceFile().Add("Town", 10, 10).Land(9, 11, 9, 11).Raw();
        var path = Path.Combine(_folder.FullName, "cut.bin.gz");
        File.WriteAllBytes(path, TestPlaceFile.Gzip(whole[..Math.Min(keep, whole.Length - 1)]));

        Assert.Throws<PlaceDataException>(() => PlaceIndex.Load(path));
    }

    [Fact]
    public void NotGzip_OrAnotherVersion_IsAPlaceDataException()
    {
        var path = Path.Combine(_folder.FullName, "bad.bin.gz");
        File.WriteAllBytes(path, "RPLC not gzip"u8.ToArray());
        Assert.Throws<PlaceDataException>(() => PlaceIndex.Load(path));

        var raw = new TestPlaceFile().Add("Town", 10, 10).Raw();
        raw[4] = 3;
        File.WriteAllBytes(path, TestPlaceFile.Gzip(raw));
        Assert.Contains("version 3", Assert.Throws<PlaceDataException>(() => PlaceIndex.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ReadsWhatLoadReads()
    {
        var path = Path.Combine(_folder.FullName, "one.bin.gz");
        await File.WriteAllBytesAsync(path, TestPlaceFile.Gzip(new TestPlaceFile().Add("Town", 10, 10).Raw()), TestContext.Current.CancellationToken);

        var index = await PlaceIndex.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("Town", index.Locate(10, 10.01)?.Name);
    }

    private PlaceIndex Load(TestPlaceFile file)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.bin.gz");
        File.WriteAllBytes(path, TestPlaceFile.Gzip(file.Raw()));
        return PlaceIndex.Load(path);
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2));
        return 2 * 6371.0088 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
