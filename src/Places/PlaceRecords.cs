namespace Retrieval.Places;

/// <summary>
/// The places of the file, by index: names, parents, regions, countries. Immutable once built, so one instance serves
/// every thread. Country-only answers are made once per country, so a lookup far from towns allocates nothing.
/// </summary>
internal sealed class PlaceRecords
{
    /// <summary>The region index of a place whose region the data does not name.</summary>
    public const ushort NoRegion = 0xFFFF;

    private readonly string[] _names;
    private readonly int[] _parents;
    private readonly ushort[] _countryOf;
    private readonly ushort[] _regionOf;
    private readonly uint[] _population;
    private readonly int[] _alternateStart;
    private readonly string[] _alternates;
    private readonly string[] _regions;
    private readonly Country[] _countries;
    private readonly Place[] _countryOnly;

    public PlaceRecords(string[] names, int[] parents, ushort[] countryOf, ushort[] regionOf, uint[] population,
        int[] alternateStart, string[] alternates, string[] regions, Country[] countries)
    {
        _names = names;
        _parents = parents;
        _countryOf = countryOf;
        _regionOf = regionOf;
        _population = population;
        _alternateStart = alternateStart;
        _alternates = alternates;
        _regions = regions;
        _countries = countries;
        _countryOnly = Array.ConvertAll(countries, c => new Place(null, null, null, c, null, 0, [], []));
    }

    /// <summary>How many places there are.</summary>
    public int Count => _names.Length;

    /// <summary>How many countries there are.</summary>
    public int CountryCount => _countries.Length;

    /// <summary>The place at <paramref name="index"/>, <paramref name="distanceKm"/> from the position asked about.</summary>
    public Place ToPlace(int index, double distanceKm)
    {
        var parent = _parents[index];
        var region = _regionOf[index];
        return new Place(
            _names[index],
            parent < 0 ? null : _names[parent],
            region == NoRegion ? null : _regions[region],
            _countries[_countryOf[index]],
            distanceKm,
            _population[index],
            AlternatesOf(index),
            parent < 0 ? Array.Empty<string>() : AlternatesOf(parent));
    }

    private IReadOnlyList<string> AlternatesOf(int index)
    {
        var start = _alternateStart[index];
        var count = _alternateStart[index + 1] - start;
        return count == 0 ? Array.Empty<string>() : new ArraySegment<string>(_alternates, start, count);
    }

    /// <summary>The answer for a position on the land of country <paramref name="country"/>, far from any town.</summary>
    public Place CountryOnly(int country) => _countryOnly[country];
}
