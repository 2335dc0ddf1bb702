namespace Retrieval.Search;

/// <summary>How the results that pass the cut are ordered.</summary>
public enum SortOrder
{
    /// <summary>Best match first.</summary>
    Relevance,

    /// <summary>Newest taken first; photos without a date last, best match first among them.</summary>
    Date,
}
