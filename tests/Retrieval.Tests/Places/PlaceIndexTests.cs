using Retrieval.Places;
using Retrieval.Testing;

namespace Retrieval.Tests.Places;

/// <summary>
/// The shipped places file names known positions as people would: the town, the city a district belongs to, the
/// region and the country; the country alone far from towns; nothing at sea, at the North Pole or without a fix.
/// </summary>
public sealed class PlaceIndexTests
{
    private static readonly Lazy<PlaceIndex> Shipped = new(() => PlaceIndex.Load(RepositoryPaths.Places));

    private static Place Locate(double latitude, double longitude) =>
        Shipped.Value.Locate(latitude, longitude) ?? throw new Xunit.Sdk.XunitException($"no place at ({latitude}, {longitude})");

    [Fact]
    public void TheShippedFile_HoldsTheWorld()
    {
        Assert.InRange(Shipped.Value.PlaceCount, 150_000, 250_000);
        Assert.InRange(Shipped.Value.CountryCount, 240, 260);
    }

    [Fact]
    public void Paris_IsParisInIleDeFranceFrance()
    {
        var place = Locate(48.8566, 2.3522);

        Assert.Equal(("Paris", null, "Paris", "Île-de-France"), (place.Name, place.ParentCity, place.City, place.Region));
        Assert.Equal(("FR", "France", "法国"), (place.Country.Code, place.Country.Name, place.Country.ChineseName));
        Assert.InRange(place.DistanceKm!.Value, 0.1, 1.0); // GeoNames puts Paris at 48.85341, 2.3488: 0.45 km away
        Assert.True(place.Population > 2_000_000);
    }

    [Fact]
    public void Sydney_IsSydneyNewSouthWalesAustralia()
    {
        var place = Locate(-33.8688, 151.2093);

        Assert.Equal(("Sydney", "New South Wales", "AU", "Australia"), (place.City, place.Region, place.Country.Code, place.Country.Name));
    }

    [Fact]
    public void Beijing_IsBeijingInChina_WithChineseNames()
    {
        var place = Locate(39.9042, 116.4074);

        Assert.Equal(("Beijing", "CN", "China", "中国"), (place.City, place.Country.Code, place.Country.Name, place.Country.ChineseName));
        Assert.Contains("北京", place.AlternateNames);
    }

    [Fact]
    public void Nairobi_IsNairobiKenya()
    {
        var place = Locate(-1.2921, 36.8219);

        Assert.Equal(("Nairobi", "KE", "Kenya"), (place.City, place.Country.Code, place.Country.Name));
    }

    [Fact]
    public void SaoPaulo_IsSaoPauloBrazil_WithItsAsciiSpelling()
    {
        var place = Locate(-23.5505, -46.6333);

        Assert.Equal(("São Paulo", "São Paulo", "BR", "Brazil"), (place.City, place.Region, place.Country.Code, place.Country.Name));
        Assert.Contains("Sao Paulo", place.AlternateNames);
    }

    [Fact]
    public void Reykjavik_IsReykjavikIceland()
    {
        var place = Locate(64.1466, -21.9426);

        Assert.Equal(("Reykjavík", "IS", "Iceland"), (place.City, place.Country.Code, place.Country.Name));
        Assert.Contains("Reykjavik", place.AlternateNames);
    }

    [Fact]
    public void Westminster_IsADistrictOfLondon()
    {
        var place = Locate(51.4975, -0.1357);

        Assert.Equal(("City of Westminster", "London", "England", "GB"), (place.Name, place.ParentCity, place.Region, place.Country.Code));
    }

    [Fact]
    public void Shibuya_IsInTokyo()
    {
        var place = Locate(35.6618, 139.7041);

        Assert.Equal(("Tokyo", "Tokyo", "JP", "日本"), (place.ParentCity, place.Region, place.Country.Code, place.Country.ChineseName));
        Assert.NotEqual("Tokyo", place.Name); // a town of the ward, nearer than the city's own point
    }

    [Fact]
    public void MidtownManhattan_IsInNewYorkCity()
    {
        var place = Locate(40.7549, -73.9840);

        Assert.Equal(("New York City", "New York", "United States"), (place.ParentCity, place.Region, place.Country.Name));
        Assert.InRange(place.DistanceKm!.Value, 0, 3);
    }

    [Theory]
    [InlineData(-25.5, 137.0, "AU", "Australia")] // the Simpson Desert: 300 km to the nearest town
    [InlineData(26.0, 5.0, "DZ", "Algeria")] // the Sahara, 280 km from In Salah
    public void FarFromAnyTown_GivesTheCountryAlone(double latitude, double longitude, string code, string name)
    {
        var place = Locate(latitude, longitude);

        Assert.Equal((null, null, null, null), (place.Name, place.City, place.Region, place.DistanceKm));
        Assert.Equal((code, name), (place.Country.Code, place.Country.Name));
    }

    [Theory]
    [InlineData(-16.8, 179.99)]
    [InlineData(-16.8, -179.99)]
    [InlineData(-16.8, 180)]
    [InlineData(-16.8, -180)]
    public void Taveuni_OnBothSidesOfTheAntimeridian_IsFiji(double latitude, double longitude)
    {
        Assert.Equal(("FJ", "Fiji", "斐济"), (Locate(latitude, longitude).Country.Code, Locate(latitude, longitude).Country.Name, Locate(latitude, longitude).Country.ChineseName));
    }

    [Fact]
    public void TheSouthPole_IsAntarctica()
    {
        var place = Locate(-90, 0);

        Assert.Equal(("AQ", null), (place.Country.Code, place.Name));
        Assert.Equal("AQ", Locate(-90, 123.4).Country.Code);
    }

    [Theory]
    [InlineData(30, -40)] // a boat mid-Atlantic
    [InlineData(90, 0)] // the North Pole: sea ice
    [InlineData(90, -135)]
    [InlineData(-50, -120)] // the South Pacific
    public void AtSea_IsNowhere(double latitude, double longitude)
    {
        Assert.Null(Shipped.Value.Locate(latitude, longitude));
    }

    [Theory]
    [InlineData(double.NaN, 2.3522)]
    [InlineData(48.8566, double.NaN)]
    [InlineData(double.PositiveInfinity, 2.3522)]
    [InlineData(48.8566, double.NegativeInfinity)]
    [InlineData(48.8566, 362.3522)] // Paris's longitude plus a turn: wrapped, it would be Paris
    [InlineData(48.8566, -357.6478)]
    [InlineData(131.1434, -177.6478)] // over the pole and down the other side: on the sphere, Paris
    public void NoValidFix_IsNull(double latitude, double longitude)
    {
        Assert.Null(Shipped.Value.Locate(latitude, longitude));
    }

    [Fact]
    public void ManyRandomPositions_AllAnswerWithinTheRules()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 100_000; i++)
        {
            var latitude = (random.NextDouble() * 180) - 90;
            var longitude = (random.NextDouble() * 360) - 180;
            var place = Shipped.Value.Locate(latitude, longitude);
            if (place?.Name is not null)
            {
                Assert.InRange(place.DistanceKm!.Value, 0, PlaceIndex.NearbyKm);
            }
        }
    }
}
