using SkiaSharp;

namespace Retrieval.Imaging;

/// <summary>Small JPEG previews of decoded photos, for result grids: the longest side scaled to the size asked for.</summary>
public static class ThumbnailEncoder
{
    /// <summary>The sizes thumbnails may be asked in (longest side, pixels).</summary>
    public const int MinSize = 32, MaxSize = 1024;

    /// <summary>Writes <paramref name="image"/> as a JPEG whose longest side is <paramref name="size"/> (never enlarged).</summary>
    public static void Write(RgbaImage image, int size, Stream output, int quality = 85) => Write(image, null, size, output, quality);

    /// <summary>
    /// Writes the square <paramref name="square"/> of <paramref name="image"/> (its pixels: left, top, side) as a JPEG of
    /// <paramref name="size"/> × <paramref name="size"/>, enlarged when smaller: a face's thumbnail, the same size however small the face.
    /// </summary>
    public static void WriteSquare(RgbaImage image, (int X, int Y, int Side) square, int size, Stream output, int quality = 85) =>
        Write(image, square, size, output, quality);

    private static unsafe void Write(RgbaImage image, (int X, int Y, int Side)? square, int size, Stream output, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        var scale = Math.Min(1.0, (double)size / Math.Max(image.Width, image.Height));
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // The decoded pixels are read where they are (no copy: a large photo's pixels are hundreds of megabytes).
        fixed (byte* pixels = image.Pixels)
        {
            using var source = new SKBitmap();
            if (!source.InstallPixels(info, (IntPtr)pixels, info.RowBytes))
            {
                throw new InvalidOperationException($"Skia refused a {image.Width}x{image.Height} pixel buffer");
            }

            if (square is not (var x, var y, var side))
            {
                Encode(source, image.Width, image.Height, scale, output, quality);
                return;
            }

            using var cut = new SKBitmap();
            if (!source.ExtractSubset(cut, SKRectI.Create(x, y, side, side)))
            {
                throw new ArgumentOutOfRangeException(nameof(square), $"the square {x},{y} of side {side} is not inside the {image.Width}x{image.Height} image");
            }

            Encode(cut, side, side, (double)size / side, output, quality);
        }
    }

    private static void Encode(SKBitmap source, int width, int height, double scale, Stream output, int quality)
    {
        var target = new SKImageInfo(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var resized = source.Resize(target, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var encoded = resized.Encode(SKEncodedImageFormat.Jpeg, quality);
        encoded.SaveTo(output);
    }
}
