using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Imaging;

namespace Retrieval.Models;

/// <summary>
/// The image tower: runs preprocessed pixel tensors (float32, [batch, 3, height, width]; <c>pixel_values</c>, immich's
/// <c>image</c>, or the graph's only input) through the ONNX graph and returns L2-normalised embeddings. A graph
/// with a fixed batch (immich's batch of 1) is run that many images at a time. The session is shared and thread-safe; each worker
/// owns an <see cref="ImageBatch"/>, so steady-state encoding allocates nothing but the OrtValue wrappers.
/// </summary>
public sealed class ImageEncoder : IDisposable
{
    private const string PixelInput = "pixel_values";
    private const string ImmichPixelInput = "image";
    private const string ProbabilitiesOutput = "class_probabilities";

    private readonly EncoderSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _runBatch;

    internal ImageEncoder(EncoderSession session, PreprocessOptions preprocess, int maxBatchSize, IReadOnlyList<ClassLabel>? labels, ILogger logger)
    {
        _session = session;
        Preprocess = preprocess;
        MaxBatchSize = maxBatchSize;
        _runBatch = session.FixedBatch ?? int.MaxValue;
        var inputs = session.Inputs;
        var name = inputs.ContainsKey(PixelInput) ? PixelInput : inputs.ContainsKey(ImmichPixelInput) ? ImmichPixelInput : inputs.Count == 1 ? inputs.Keys.First()
            : throw new ModelLoadException(session.Path, $"the vision graph has no '{PixelInput}' or '{ImmichPixelInput}' input (inputs: {string.Join(", ", inputs.Keys)})");
        var input = inputs[name];
        TakesBytes = session.InputType(name) == TensorElementType.UInt8;
        if (session.InputType(name) is not (TensorElementType.Float or TensorElementType.UInt8) || input.Dimensions.Length != 4)
        {
            throw new ModelLoadException(session.Path, $"input '{name}' must be float32 or float16 [batch, 3, height, width], or uint8 RGB [batch, height, width, 3], not {input.ElementDataType} [{string.Join(", ", input.Dimensions)}]");
        }

        // Fixed axes in the graph must agree with the preprocessing config; symbolic ones (-1) accept anything.
        // A uint8 graph takes the resized RGB pixels as they are, channels last, and normalises them itself.
        var dims = input.Dimensions;
        var (channels, height, width) = TakesBytes ? (dims[3], dims[1], dims[2]) : (dims[1], dims[2], dims[3]);
        if (!Fits(channels, 3) || !Fits(height, preprocess.CropHeight) || !Fits(width, preprocess.CropWidth))
        {
            throw new ModelLoadException(session.Path,
                $"input '{name}' is [{string.Join(", ", dims)}] but preprocessor_config.json gives 3 x {preprocess.CropHeight} x {preprocess.CropWidth}");
        }

        if (session.PerToken)
        {
            throw new ModelLoadException(session.Path, $"the vision graph's output '{session.OutputName}' must be one vector per image, [batch, dimension]");
        }

        if (labels is not null && session.OutputWidth(ProbabilitiesOutput) != labels.Count)
        {
            throw new ModelLoadException(session.Path,
                $"{ClassLabel.FileName} lists {labels.Count} classes, so the vision graph needs a float32 '{ProbabilitiesOutput}' output of [batch, {labels.Count}]");
        }

        Labels = labels;
        _inputNames = [name];
        _outputNames = labels is null ? [session.OutputName] : [session.OutputName, ProbabilitiesOutput];
        logger.EncoderLoaded(session.Path, session.Device, name, input.ElementDataType, session.OutputName, session.Dimension);
    }

    /// <summary>
    /// Whether the graph takes uint8 RGB pixels, channels last, and normalises them itself (immich exports some so): the
    /// preprocessing then leaves the resized bytes as they are (<see cref="PreprocessOptions"/> of mean 0, std 1, scale 1).
    /// </summary>
    public bool TakesBytes { get; }

    /// <summary>How images must be prepared for this model.</summary>
    public PreprocessOptions Preprocess { get; }

    /// <summary>The embedding size.</summary>
    public int Dimension => _session.Dimension;

    /// <summary>The most images sent to the graph in one run.</summary>
    public int MaxBatchSize { get; }

    /// <summary>Where the graph runs.</summary>
    public ExecutionDevice Device => _session.Device;

    /// <summary>The classes the graph also scores (its <c>class_probabilities</c> output), or null when it scores none.</summary>
    public IReadOnlyList<ClassLabel>? Labels { get; }

    /// <summary>A new set of reusable buffers for one worker, holding up to <paramref name="capacity"/> images (default <see cref="MaxBatchSize"/>).</summary>
    public ImageBatch CreateBatch(int capacity = 0) =>
        new(capacity > 0 ? capacity : MaxBatchSize, Preprocess.TensorLength, Dimension, Labels?.Count ?? 0);

    /// <summary>
    /// The most probable classes of image <paramref name="index"/> of the last <see cref="Encode"/> of <paramref name="batch"/>:
    /// at most <paramref name="count"/>, each at least <paramref name="minProbability"/>, most probable first; none when the model has no classes.
    /// </summary>
    public IReadOnlyList<(ClassLabel Label, float Probability)> TopClasses(ImageBatch batch, int index, float minProbability, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Labels is not { } labels)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, batch.Capacity);
        var probabilities = batch.Probabilities.AsSpan(index * labels.Count, labels.Count);
        var top = new List<(ClassLabel, float)>(count);
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (probabilities[c] >= minProbability)
            {
                top.Add((labels[c], probabilities[c]));
            }
        }

        top.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        return top.Count > count ? top[..count] : top;
    }

    /// <summary>Embeds the first <paramref name="count"/> images of <paramref name="batch"/> into <paramref name="embeddings"/> (<c>count * Dimension</c> floats, row-major, normalised).</summary>
    public void Encode(ImageBatch batch, int count, Span<float> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, batch.Capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddings.Length, count * Dimension, nameof(embeddings));
        if (batch.Output.Length != batch.Capacity * Dimension || batch.Pixels.Length != batch.Capacity * Preprocess.TensorLength)
        {
            throw new ArgumentException("the batch was made by another model", nameof(batch));
        }

        var classes = Labels?.Count ?? 0;
        for (var start = 0; start < count; start += _runBatch)
        {
            var n = Math.Min(_runBatch, count - start);
            using var pixels = TakesBytes
                ? ChannelsLastBytes(batch.Pixels.AsSpan(start * Preprocess.TensorLength, n * Preprocess.TensorLength), n)
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                    batch.Pixels.AsMemory(start * Preprocess.TensorLength, n * Preprocess.TensorLength), [n, 3, Preprocess.CropHeight, Preprocess.CropWidth]);
            using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                batch.Output.AsMemory(start * Dimension, n * Dimension), [n, Dimension]);
            using var probabilities = classes > 0
                ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Probabilities.AsMemory(start * classes, n * classes), [n, classes])
                : null;
            _session.Run(_inputNames, [pixels], _outputNames, probabilities is null ? [output] : [output, probabilities], cancellationToken);
        }

        EmbeddingMath.NormaliseRows(batch.Output.AsSpan(0, count * Dimension), embeddings, Dimension);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>The preprocessed planes (whole byte values, channel-major) as uint8 RGB, channels last.</summary>
    private OrtValue ChannelsLastBytes(ReadOnlySpan<float> planes, int count)
    {
        var (height, width) = (Preprocess.CropHeight, Preprocess.CropWidth);
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.UInt8, [count, height, width, 3]);
        var bytes = value.GetTensorMutableDataAsSpan<byte>();
        var plane = height * width;
        for (var image = 0; image < count; image++)
        {
            var source = planes.Slice(image * 3 * plane, 3 * plane);
            var target = bytes.Slice(image * 3 * plane, 3 * plane);
            for (var i = 0; i < plane; i++)
            {
                target[(i * 3) + 0] = (byte)source[i];
                target[(i * 3) + 1] = (byte)source[plane + i];
                target[(i * 3) + 2] = (byte)source[(2 * plane) + i];
            }
        }

        return value;
    }

    private static bool Fits(long declared, int actual) => declared <= 0 || declared == actual;
}
