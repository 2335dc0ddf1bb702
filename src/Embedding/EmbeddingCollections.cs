using Retrieval.Backends;
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

    /// <summary>The video frames' image vectors (many per video, each item's payload its time in seconds).</summary>
    public const string Frames = "frames";

    /// <summary>The main model an index was built with (its image vectors'), as <see cref="ModelFingerprint"/> names it; null before the first run.</summary>
    public static string? IndexedModel(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Catalog.ModelOf(Images);
    }

    /// <summary>The photos' image vectors in <paramref name="index"/>, or null before anything was embedded.</summary>
    public static PhotoVectors? ImagesIn(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Collection(Images);
    }

    /// <summary>The captions' text vectors in <paramref name="index"/>, or null before anything was embedded.</summary>
    public static PhotoVectors? CaptionsIn(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Collection(Captions);
    }

    /// <summary>The video frames' vectors in <paramref name="index"/>, or null before a video was embedded.</summary>
    public static PhotoVectors? FramesIn(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Collection(Frames);
    }

    /// <summary>The video frames' collection for <paramref name="model"/>.</summary>
    public static CollectionKind FramesOf(ClipModel model) => Of(Frames, model, onePerPhoto: false);

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
