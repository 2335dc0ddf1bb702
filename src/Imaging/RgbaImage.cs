using System.Buffers;

namespace Retrieval.Imaging;

/// <summary>
/// Decoded, upright pixels: RGBA, 8 bits a channel, unpremultiplied, rows packed. The buffer is pooled:
/// dispose the image as soon as it is preprocessed.
/// </summary>
public sealed class RgbaImage : IDisposable
{
    private byte[]? _pixels;

    internal RgbaImage(int width, int height)
    {
        Width = width;
        Height = height;
        _pixels = ArrayPool<byte>.Shared.Rent(checked(width * height * 4));
    }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, <c>Width * Height * 4</c> bytes, valid until the image is disposed.</summary>
    public Span<byte> Pixels => _pixels is { } pixels
        ? pixels.AsSpan(0, Width * Height * 4)
        : throw new ObjectDisposedException(nameof(RgbaImage));

    internal byte[] Buffer => _pixels ?? throw new ObjectDisposedException(nameof(RgbaImage));

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pixels, null) is { } pixels)
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
