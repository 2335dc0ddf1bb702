namespace Retrieval.Places;

/// <summary>
/// The photos taken in one place of a library: a country (with its <see cref="Code"/>; its <see cref="Parts"/> are its
/// regions), a region (its parts are its cities; a null name gathers the towns the data gives no region) or a city (no
/// parts; a null name gathers the photos far from any town) — how many, and the newest one to show for them all.
/// </summary>
/// <param name="Name">The place's name (English).</param>
/// <param name="Code">A country's ISO 3166-1 alpha-2 code; null for a region or a city.</param>
/// <param name="Count">How many photos were taken there.</param>
/// <param name="Cover">The photo that stands for them: the most recently taken.</param>
/// <param name="Parts">The places within it, most photos first.</param>
public sealed record PlaceGroup(string? Name, string? Code, int Count, long Cover, IReadOnlyList<PlaceGroup> Parts);
