namespace Retrieval.Places;

/// <summary>
/// Where a position is, as people name it: the nearest town (and the city it is a district of), its region and
/// country; or, far from any town, the country alone.
/// </summary>
/// <param name="Name">The nearest populated place ("Hell's Kitchen", "Paris"); null when only the country is known.</param>
/// <param name="ParentCity">The city <paramref name="Name"/> is a district of ("New York City"), or null.</param>
/// <param name="Region">The first-level division of <paramref name="Name"/> ("Île-de-France", "New South Wales"), or null.</param>
/// <param name="Country">The country: of the place, or the one whose land the position is on.</param>
/// <param name="DistanceKm">Great-circle distance from the position to <paramref name="Name"/>; null when only the country is known.</param>
/// <param name="Population">The place's population (GeoNames; 0 when unknown); 0 when only the country is known.</param>
/// <param name="AlternateNames">A few other spellings of <paramref name="Name"/>: the ASCII one, common Latin variants and Chinese names of larger cities.</param>
/// <param name="CityAlternateNames">The same for <paramref name="ParentCity"/> ("纽约" for a district of New York City); empty without one.</param>
public sealed record Place(
    string? Name,
    string? ParentCity,
    string? Region,
    Country Country,
    double? DistanceKm,
    long Population,
    IReadOnlyList<string> AlternateNames,
    IReadOnlyList<string> CityAlternateNames)
{
    /// <summary>The city a photo is filed under: the parent city of a district, else the place itself (null: country only).</summary>
    public string? City => ParentCity ?? Name;
}
