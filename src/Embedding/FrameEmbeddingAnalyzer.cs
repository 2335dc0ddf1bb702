using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Models;
using Retrieval.Video;

namespace Retrieval.Embedding;

/// <summary>
/// A video's picked frames in the main model's space (collection <see cref="EmbeddingCollections.Frames"/>, many per
/// video, each item's payload its time in seconds): each frame is preprocessed as it is read, and all of a video's
/// frames are encoded on the encoder thread, a model batch at a time. Search scores a video by its best frame.
/// </summary>
public sealed class FrameEmbeddingAnalyzer(ClipModel model) : IPhotoAnalyzer
{
    private readonly CollectionKind _collection = EmbeddingCollections.FramesOf(model);
    private ImageBatch? _batch;
    private float[] _output = [];

    /// <inheritdoc />
    public string Name => "frame embedding";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Encode;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => new(0, FrameSide: model.Preprocessor.Options.ShortestEdge);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [_collection];

    /// <inheritdoc />
    public int BatchSize => model.Images.MaxBatchSize;

    /// <inheritdoc />
    public bool EncodesOnCpu => model.Images.Device == ExecutionDevice.Cpu;

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
    }

    /// <inheritdoc />
    public void ReadFrame(PhotoAnalysis video, VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(frame);
        if (video.Get<FrameTensors>() is not { } frames)
        {
            frames = new FrameTensors(model.Preprocessor.Options.TensorLength);
            video.Pass(frames);
        }

        frames.Add(frame.Time, values => model.Preprocessor.Preprocess(frame.Image, values));
    }

    /// <inheritdoc />
    public void Encode(IReadOnlyList<PhotoAnalysis> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var video in batch)
        {
            if (video.Get<FrameTensors>() is { Count: > 0 } frames)
            {
                video.SetItems(_collection, EncodeAll(frames, cancellationToken));
                frames.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Task.FromResult(index.Catalog.VideosWithoutItems(_collection.Name));
    }

    private List<ItemVector> EncodeAll(FrameTensors frames, CancellationToken cancellationToken)
    {
        // One batch and output, reused (the pipeline runs one encoder thread).
        _batch ??= model.Images.CreateBatch(BatchSize);
        if (_output.Length < _batch.Capacity * model.Dimension)
        {
            _output = new float[_batch.Capacity * model.Dimension];
        }

        var items = new List<ItemVector>(frames.Count);
        for (var start = 0; start < frames.Count; start += _batch.Capacity)
        {
            var count = Math.Min(_batch.Capacity, frames.Count - start);
            for (var i = 0; i < count; i++)
            {
                frames.CopyTo(start + i, _batch.Slot(i));
            }

            model.Images.Encode(_batch, count, _output, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var time = VideoTime.ToPayload(frames.TimeOf(start + i));
                items.Add(new ItemVector(_output.AsSpan(i * model.Dimension, model.Dimension).ToArray(), time));
            }
        }

        return items;
    }
}
