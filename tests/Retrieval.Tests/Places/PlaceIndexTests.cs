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

    private static IReadOnlyList<string> NamesAt(double latitude, double longitude) => PlacesAnalyzer.NamesOf(Locate(latitude, longitude));

    // cities500's admin1 codes joined to a later release's names: Vietnam renumbered its provinces (2025), so Hanoi's
    // old code named Quang Tri, Ho Chi Minh City's Lạng Sơn, and Da Nang's and Can Tho's matched nothing.
    [Theory]
    [InlineData(21.0278, 105.8342, "Hanoi")]
    [InlineData(10.7769, 106.7009, "Ho Chi Minh City (HCMC)")]
    [InlineData(16.0544, 108.2022, "Da Nang City")]
    [InlineData(10.0452, 105.7469, "Can Tho City")]
    [InlineData(59.9139, 10.7522, "Oslo")] // Norway renumbered its counties in 2024
    [InlineData(59.2753, 10.4075, "Vestfold")] // Tønsberg: Vestfold og Telemark until 2024
    public void VietnameseAndNorwegianCities_HaveTheirOwnRegion(double latitude, double longitude, string region)
    {
        Assert.Equal(region, Locate(latitude, longitude).Region);
    }

    [Theory]
    [InlineData(49.2827, -123.1207, "Vancouver")] // the West End, 47,000 people, in a city of 600,000
    [InlineData(40.6944, -73.9213, "New York City")] // Bushwick, Brooklyn
    [InlineData(35.6595, 139.7005, "Tokyo")] // Shibuya
    [InlineData(52.4986, 13.4030, "Berlin")] // Kreuzberg
    [InlineData(-33.9806, 18.4653, "Cape Town")] // Claremont
    [InlineData(16.0544, 108.2022, "Da Nang")] // Thanh Khê district
    [InlineData(21.0278, 105.8342, "Hanoi")]
    [InlineData(10.7769, 106.7009, "Ho Chi Minh City")]
    public void ANeighbourhood_IsFiledUnderItsCity(double latitude, double longitude, string city)
    {
        Assert.Equal(city, Locate(latitude, longitude).City);
    }

    [Theory]
    [InlineData(49.3200, -123.0724, "North Vancouver")] // its own city across the inlet, 8 km from Vancouver's point
    [InlineData(49.3286, -123.1602, "West Vancouver")]
    public void ATownBesideACity_IsNotSwallowed(double latitude, double longitude, string town)
    {
        var place = Locate(latitude, longitude);

        Assert.Equal((town, null), (place.Name, place.ParentCity));
    }

    [Theory]
    [InlineData(52.4986, 13.4030, "柏林")] // Kreuzberg
    [InlineData(40.6944, -73.9213, "纽约")] // Bushwick
    [InlineData(41.0082, 28.9784, "伊斯坦布尔")]
    [InlineData(41.3874, 2.1686, "巴塞罗那")]
    [InlineData(21.0278, 105.8342, "河内")] // GeoNames has only 河內: the simplified form is made from it
    public void ADistrictOrCity_CarriesTheCitysChineseNames(double latitude, double longitude, string name)
    {
        Assert.Contains(name, NamesAt(latitude, longitude));
    }

    [Theory]
    [InlineData(41.0082, 28.9784, "Turkey")]
    [InlineData(40.7580, -73.9855, "USA")]
    [InlineData(51.5007, -0.1246, "UK")]
    [InlineData(52.3676, 4.9041, "Holland")]
    [InlineData(50.0755, 14.4378, "Czech Republic")]
    [InlineData(31.6295, -7.9811, "Marrakech")] // GeoNames' name is Marrakesh
    public void CommonEnglishNames_FindThePlace(double latitude, double longitude, string name)
    {
        Assert.Contains(name, NamesAt(latitude, longitude));
    }
}
