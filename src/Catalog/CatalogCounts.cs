namespace Retrieval.Catalog;

/// <summary>How many photos the catalog holds in each state, and how many captions and tags.</summary>
public sealed record CatalogCounts(long Indexed, long Pending, long Failed, long Duplicates, long Captions, long Tags)
{
    /// <summary>Every file found.</summary>
    public long Total => Indexed + Pending + Failed + Duplicates;
}
