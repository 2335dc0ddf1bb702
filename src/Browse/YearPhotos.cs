using Retrieval.Search;

namespace Retrieval.Browse;

/// <summary>The photos of one earlier year taken on the day asked for, newest first.</summary>
public sealed record YearPhotos(int Year, IReadOnlyList<PhotoHit> Photos);
