namespace Retrieval.Catalog;

/// <summary>What a pending photo still needs written to the other stores (the catalog's <c>work</c> bits).</summary>
[Flags]
public enum PendingWork
{
    /// <summary>Nothing: the vectors and the keyword document agree with the catalog.</summary>
    None = 0,

    /// <summary>The photo's image vector.</summary>
    Image = 1,

    /// <summary>The vectors of the photo's captions.</summary>
    Captions = 2,

    /// <summary>The photo's keyword document (captions, tags, names, folders, camera).</summary>
    Keywords = 4,

    /// <summary>Everything.</summary>
    All = Image | Captions | Keywords,
}
