namespace Retrieval.Catalog;

/// <summary>The kinds of file the catalog holds (its <c>kind</c> column, the <c>type:</c> filter's values).</summary>
public static class PhotoKind
{
    /// <summary>A still.</summary>
    public const string Photo = "photo";

    /// <summary>A video: its frames are indexed, each with its time.</summary>
    public const string Video = "video";
}
