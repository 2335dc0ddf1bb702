namespace Retrieval.Search;

/// <summary>How a text query ranks photos.</summary>
public enum SearchMode
{
    /// <summary>Vector and keyword rankings fused by reciprocal rank (k = 60).</summary>
    Hybrid,

    /// <summary>Embedding similarity only: the photo's image, and its captions, against the query text.</summary>
    Vector,

    /// <summary>BM25 over captions, tags, file and folder names, camera.</summary>
    Keyword,
}
