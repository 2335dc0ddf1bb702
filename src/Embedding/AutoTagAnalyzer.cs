using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>
/// A photo's most probable classes, and their broader terms, as tags (source <see cref="TagText.AutoSource"/>, with the
/// class probability): read from the image encoder's run (the <see cref="ImageEmbeddingAnalyzer"/>, registered before it).
/// </summary>
public sealed class AutoTagAnalyzer(ClipModel model, IndexingOptions options) : IPhotoAnalyzer
{
    /// <inheritdoc />
    public string Name => "automatic tags";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Encode;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => new(model.Preprocessor.Options.ShortestEdge);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> TagSources => [TagText.AutoSource];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        // The image embedding prepares the input both use.
    }

    /// <inheritdoc />
    public void Encode(IReadOnlyList<PhotoAnalysis> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var photo in batch)
        {
            if (photo.Get<EncodedImage>() is { } image)
            {
                photo.SetTags(TagText.AutoSource, [.. model.Images.TopClasses(image.Batch, image.Index, options.AutoTagConfidence, options.AutoTagCount)
                    .SelectMany(c => c.Label.BroaderTerms.Prepend(c.Label.Name).Select(term => new TagText(term, TagText.AutoSource, c.Probability)))
                    .DistinctBy(t => t.Tag, StringComparer.OrdinalIgnoreCase)]);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) => CatchUp.Nothing;
}
