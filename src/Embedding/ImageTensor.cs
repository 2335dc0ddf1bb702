using System.Buffers;

namespace Retrieval.Embedding;

/// <summary>A photo's preprocessed model input, rented from the shared pool on a reading thread and returned once it is encoded (or the photo fails).</summary>
internal sealed class ImageTensor(int length) : IDisposable
{
    private float[]? _values = ArrayPool<float>.Shared.Rent(length);

    /// <summary>The input's values.</summary>
    public Span<float> Values => _values.AsSpan(0, length);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _values, null) is { } values)
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }
}
