namespace Retrieval.Catalog;

/// <summary>One page of a listing: the ids on it, in order, and how many the whole listing holds.</summary>
public sealed record PhotoPage(IReadOnlyList<long> Ids, long Total);
