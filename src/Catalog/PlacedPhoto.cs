namespace Retrieval.Catalog;

/// <summary>An indexed photo with a place: what browsing by place groups and picks covers from.</summary>
/// <param name="Id">The photo.</param>
/// <param name="TakenAt">When it was taken (ISO text, as the catalog stores it), or null.</param>
/// <param name="Place">Where.</param>
public sealed record PlacedPhoto(long Id, string? TakenAt, PhotoPlace Place);
