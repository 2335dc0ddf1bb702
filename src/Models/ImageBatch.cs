namespace Retrieval.Models;

/// <summary>
/// One worker's reusable input and output tensors for the image tower: preprocess each image straight
/// into <see cref="Slot"/>, then hand the batch to <see cref="ImageEncoder.Encode"/>. Not thread-safe;
/// create one per worker with <see cref="ImageEncoder.CreateBatch"/>.
/// </summary>
public sealed class ImageBatch
{
    private readonly int _slotLength;

    internal ImageBatch(int capacity, int slotLength, int dimension, int classes)
    {
        Capacity = capacity;
        _slotLength = slotLength;
        Pixels = new float[capacity * slotLength];
        Output = new float[capacity * dimension];
        Probabilities = new float[capacity * classes];
    }

    /// <summary>How many images fit.</summary>
    public int Capacity { get; }

    internal float[] Pixels { get; }

    internal float[] Output { get; }

    /// <summary>Each image's class probabilities, when the model has classes (<see cref="ImageEncoder.Labels"/>).</summary>
    internal float[] Probabilities { get; }

    /// <summary>The input tensor of image <paramref name="index"/>: 3 x height x width floats.</summary>
    public Span<float> Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        return Pixels.AsSpan(index * _slotLength, _slotLength);
    }
}
