namespace Retrieval.Catalog;

/// <summary>
/// The kinds of entry the catalog queues for removal from the other stores (the <c>removals</c> table): a vector
/// collection's entries are queued under the collection's name, a photo's keyword document under <see cref="Document"/>.
/// </summary>
public static class RemovalKind
{
    /// <summary>A photo's keyword document, by photo id.</summary>
    public const string Document = "document";
}
