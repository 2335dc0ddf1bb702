using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>
/// A photo's image vector in the main model's space (collection <see cref="EmbeddingCollections.Images"/>): the photo is
/// preprocessed into the model's input on the reading threads, and encoded a batch at a time.
/// </summary>
public sealed class ImageEmbeddingAnalyzer(ClipModel model) : IPhotoAnalyzer
{
    private readonly CollectionKind _collection = EmbeddingCollections.ImagesOf(model);
    private ImageBatch? _batch;
    private float[] _output = [];

    /// <inheritdoc />
    public string Name => "image embedding";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Encode;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => new(model.Preprocessor.Options.ShortestEdge);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [_collection];

    /// <inheritdoc />
    public int BatchSize => model.Images.MaxBatchSize;

    /// <inheritdoc />
    public bool EncodesOnCpu => model.Images.Device == ExecutionDevice.Cpu;

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var tensor = new ImageTensor(model.Preprocessor.Options.TensorLength);
        photo.Pass(tensor);
        model.Preprocessor.Preprocess(photo.Image!, tensor.Values);
    }

    /// <inheritdoc />
    public void Encode(IReadOnlyList<PhotoAnalysis> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var photos = batch.Where(p => p.Get<ImageTensor>() is not null).ToList();
        if (photos.Count == 0)
        {
            return;
        }

        // One batch and output, reused (the pipeline runs one encoder thread), large enough for all: the automatic tags
        // read each photo's classes from it after this returns.
        if (_batch is null || _batch.Capacity < photos.Count)
        {
            _batch = model.Images.CreateBatch(Math.Max(BatchSize, photos.Count));
            _output = new float[_batch.Capacity * model.Dimension];
        }

        for (var i = 0; i < photos.Count; i++)
        {
            var tensor = photos[i].Get<ImageTensor>()!;
            tensor.Values.CopyTo(_batch.Slot(i));
            tensor.Dispose();
        }

        model.Images.Encode(_batch, photos.Count, _output, cancellationToken);
        for (var i = 0; i < photos.Count; i++)
        {
            photos[i].SetVector(_collection, _output.AsSpan(i * model.Dimension, model.Dimension).ToArray());
            photos[i].Pass(new EncodedImage(_batch, i));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) =>
        CatchUp.WithoutVectorAsync(index, _collection.Name, cancellationToken);
}
