using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>
/// A photo's captions as text vectors in the main model's space (collection <see cref="EmbeddingCollections.Captions"/>,
/// one item per caption, its payload the caption): made again whenever the photo's captions are read.
/// </summary>
public sealed class CaptionEmbeddingAnalyzer(ClipModel model) : IPhotoAnalyzer
{
    /// <summary>The tally of captions embedded in a run.</summary>
    public const string Tally = "captions";

    private readonly CollectionKind _collection = EmbeddingCollections.CaptionsOf(model);

    /// <inheritdoc />
    public string Name => "caption embedding";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Encode;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => AnalyzerNeeds.NoPixels;

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [_collection];

    /// <inheritdoc />
    public int BatchSize => model.Images.MaxBatchSize;

    /// <inheritdoc />
    public bool EncodesOnCpu => model.Text.Device == ExecutionDevice.Cpu;

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        // The captions come with the photo; nothing to prepare.
    }

    /// <inheritdoc />
    public void Encode(IReadOnlyList<PhotoAnalysis> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var texts = batch.SelectMany(p => p.Captions.Select(c => c.Text)).ToList();
        var vectors = texts.Count > 0 ? model.Text.Encode(texts, cancellationToken) : [];
        var next = 0;
        foreach (var photo in batch)
        {
            photo.SetItems(_collection, [.. photo.Captions.Select((caption, i) => new ItemVector(vectors[next + i], caption.Text))]);
            next += photo.Captions.Count;
            photo.Tally(Tally, photo.Captions.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) => CatchUp.Nothing;
}
