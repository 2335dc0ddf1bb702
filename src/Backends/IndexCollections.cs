using Retrieval.Catalog;
using Retrieval.Duplicates;

namespace Retrieval.Backends;

/// <summary>
/// The vector collections an index has, in the order it opens them: declared here, where the index is put together,
/// so that the catalog, which keeps how their ids map to photos, knows nothing of what fills them.
/// </summary>
public static class IndexCollections
{
    /// <summary>Every collection: the images', the captions' and the pixel signatures'.</summary>
    public static IReadOnlyList<CollectionKind> All { get; } = [CollectionKind.Images, CollectionKind.Captions, PixelSignature.Collection];
}
