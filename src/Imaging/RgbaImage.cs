using System.Buffers;
using System.Runtime.InteropServices;

namespace Retrieval.Imaging;

/// <summary>
/// Decoded, upright pixels: RGBA, 8 bits a channel, unpremultiplied, rows packed. A photo-sized buffer is pooled;
/// a very large one (above <see cref="PooledBytes"/>) is native memory given back to the system on disposal, so
/// one huge image never leaves hundreds of megabytes held by the pool. Dispose the image as soon as it is preprocessed. A JPEG may be decoded at a reduced scale (1/2, 1/4,
/// 1/8): then <see cref="FullWidth"/> x <see cref="FullHeight"/> is the size the pixels stand for, and
/// the geometry of any resize is computed from it, never from the rounded reduced size.
/// </summary>
public sealed unsafe class RgbaImage : IDisposable
{
    /// <summary>The largest buffer taken from the shared pool: 8 MB, a 2-megapixel image.</summary>
    public const int PooledBytes = 8 << 20;

    private readonly int _length;
    private byte[]? _pooled;
    private nint _native;

    internal RgbaImage(int width, int height)
        : this(width, height, width, height, 1)
    {
    }

    internal RgbaImage(int width, int height, int fullWidth, int fullHeight, int reduction, double originX = 0, double originY = 0)
    {
        Width = width;
        Height = height;
        FullWidth = fullWidth;
        FullHeight = fullHeight;
        Reduction = reduction;
        OriginX = originX;
        OriginY = originY;
        _length = checked(width * height * 4);
        if (_length <= PooledBytes)
        {
            _pooled = ArrayPool<byte>.Shared.Rent(_length);
        }
        else
        {
            _native = (nint)NativeMemory.Alloc((nuint)_length);
        }
    }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The upright width of the image at full resolution.</summary>
    public int FullWidth { get; }

    /// <summary>The upright height of the image at full resolution.</summary>
    public int FullHeight { get; }

    /// <summary>
    /// The decoder's scale denominator: 1 for a full decode, else 2, 4 or 8. The full image spans
    /// <c>FullWidth / Reduction</c> pixels of this one; libjpeg rounds the reduced size up, so one edge
    /// column or row may stand for less than <c>Reduction</c> full-size pixels.
    /// </summary>
    public int Reduction { get; }

    /// <summary>
    /// Where the full image starts along x, in this image's pixels: 0, unless the EXIF orientation
    /// mirrored a reduced decode along that axis and moved the rounding slack to the start.
    /// </summary>
    internal double OriginX { get; }

    /// <summary>Where the full image starts along y, in this image's pixels (see <see cref="OriginX"/>).</summary>
    internal double OriginY { get; }

    /// <summary>The format the bytes were in (jpeg, png, webp, gif, bmp), whatever the file's name says.</summary>
    public string Format { get; internal init; } = "";

    /// <summary>The pixels, <c>Width * Height * 4</c> bytes, valid until the image is disposed (fixed on it to pin).</summary>
    public Span<byte> Pixels => _pooled is { } pooled ? pooled.AsSpan(0, _length)
        : _native != 0 ? new Span<byte>((void*)_native, _length)
        : throw new ObjectDisposedException(nameof(RgbaImage));

    /// <summary>A copy that outlives this image's buffer (a video frame kept past the next one).</summary>
    public RgbaImage Copy()
    {
        var copy = new RgbaImage(Width, Height, FullWidth, FullHeight, Reduction, OriginX, OriginY) { Format = Format };
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooled, null) is { } pooled)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }

        if (Interlocked.Exchange(ref _native, 0) is var native and not 0)
        {
            NativeMemory.Free((void*)native);
        }
    }
}
