namespace Retrieval.Catalog;

/// <summary>
/// How many photos the catalog holds in each state, and how many captions and tags; <see cref="Companions"/> counts the
/// other files of photos' shots (a RAW beside its JPEG).
/// </summary>
public sealed record CatalogCounts(long Indexed, long Pending, long Failed, long Duplicates, long Captions, long Tags, long Companions = 0)
{
    /// <summary>Every file found.</summary>
    public long Total => Indexed + Pending + Failed + Duplicates + Companions;
}
