using Retrieval.Search;

namespace Retrieval.Browse;

/// <summary>A page of one month's photos, newest first, and how many the month holds.</summary>
public sealed record MonthPhotos(YearMonth Month, IReadOnlyList<PhotoHit> Photos, long Total);
