using Retrieval.Catalog;
using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>
/// The collections of the main model, which search reads: the photos' image vectors (one per photo) and their captions'
/// text vectors (many per photo, each item's payload the caption), both in the model's space so text finds images.
/// </summary>
public static class EmbeddingCollections
{
    /// <summary>The image vectors' collection.</summary>
    public const string Images = "images";

    /// <summary>The caption vectors' collection.</summary>
    public const string Captions = "captions";

    /// <summary>The image vectors' collection for <paramref name="model"/>.</summary>
    public static CollectionKind ImagesOf(ClipModel model) => Of(Images, model, onePerPhoto: true);

    /// <summary>The caption vectors' collection for <paramref name="model"/>.</summary>
    public static CollectionKind CaptionsOf(ClipModel model) => Of(Captions, model, onePerPhoto: false);

    private static CollectionKind Of(string name, ClipModel model, bool onePerPhoto)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CollectionKind(name, model.Dimension, ModelFingerprint.Of(model.Manifest), onePerPhoto);
    }
}
