namespace Retrieval.Catalog;

/// <summary>The kinds of entry the catalog queues for removal from the other stores (the <c>removals</c> table).</summary>
public static class RemovalKind
{
    /// <summary>A photo's image vector, by photo id.</summary>
    public const string Image = "image";

    /// <summary>A caption's vector, by caption id.</summary>
    public const string Caption = "caption";

    /// <summary>A photo's keyword document, by photo id.</summary>
    public const string Document = "document";
}
