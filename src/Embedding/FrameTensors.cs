using System.Buffers;
using System.Numerics.Tensors;

namespace Retrieval.Embedding;

/// <summary>
/// A video's preprocessed frames, waiting for the encoder, with their times. Kept at half precision: a long video's
/// hundreds of frames take half the memory, and the model's input loses nothing it can see (11 bits of mantissa against
/// 8 bits of pixel).
/// </summary>
internal sealed class FrameTensors(int length) : IDisposable
{
    private readonly List<(double Time, Half[] Values)> _frames = [];

    /// <summary>How many frames it holds.</summary>
    public int Count => _frames.Count;

    /// <summary>Adds a frame shown at <paramref name="time"/>, whose input <paramref name="preprocess"/> writes.</summary>
    public void Add(double time, Action<Span<float>> preprocess)
    {
        var input = ArrayPool<float>.Shared.Rent(length);
        try
        {
            preprocess(input.AsSpan(0, length));
            var values = ArrayPool<Half>.Shared.Rent(length);
            TensorPrimitives.ConvertToHalf(input.AsSpan(0, length), values.AsSpan(0, length));
            _frames.Add((time, values));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>When frame <paramref name="index"/> is shown, in seconds.</summary>
    public double TimeOf(int index) => _frames[index].Time;

    /// <summary>Writes frame <paramref name="index"/>'s input into <paramref name="destination"/>.</summary>
    public void CopyTo(int index, Span<float> destination) =>
        TensorPrimitives.ConvertToSingle(_frames[index].Values.AsSpan(0, length), destination[..length]);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, values) in _frames)
        {
            ArrayPool<Half>.Shared.Return(values);
        }

        _frames.Clear();
    }
}
