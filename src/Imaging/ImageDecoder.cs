using Retrieval.Errors;
using SkiaSharp;

namespace Retrieval.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF (first frame) and BMP with SkiaSharp into upright RGBA pixels: EXIF
/// orientation applied, alpha kept unpremultiplied (CLIP drops it, it does not composite), no colour
/// management (as the reference). Refuses declared canvases above <see cref="ImagingOptions.MaxPixels"/>
/// before decoding, and reports every unreadable input as an <see cref="UnsupportedImageException"/>
/// naming it. Thread-safe.
/// </summary>
public sealed class ImageDecoder
{
    private readonly ImagingOptions _options;
    private readonly long _maxDecodedPixels;

    /// <summary>Creates a decoder with the given limits.</summary>
    public ImageDecoder(ImagingOptions options)
        : this(options, long.MaxValue)
    {
    }

    /// <summary>
    /// Creates a decoder that also refuses to hold more than <paramref name="maxDecodedPixels"/> decoded pixels (after
    /// the reduced-scale decode a JPEG allows): for images from outside, which need only the model's few hundred pixels.
    /// </summary>
    public ImageDecoder(ImagingOptions options, long maxDecodedPixels)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecodedPixels);
        _options = options;
        _maxDecodedPixels = maxDecodedPixels;
    }

    /// <summary>
    /// How many bytes of pixels decoding <paramref name="encoded"/> for <paramref name="targetShortSide"/> will hold at
    /// its peak (an orientation that turns the image needs a second buffer), read from the header alone.
    /// </summary>
    /// <exception cref="UnsupportedImageException">The header cannot be read, or the image is above the limits.</exception>
    public unsafe long DecodedBytes(ReadOnlySpan<byte> encoded, string name, int targetShortSide = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (encoded.IsEmpty)
        {
            throw new UnsupportedImageException(name, "the image is empty");
        }

        fixed (byte* bytes = encoded)
        {
            using var data = SKData.Create((IntPtr)bytes, encoded.Length) ?? throw new UnsupportedImageException(name, "the image cannot be opened");
            using var codec = Open(data, name);
            var (size, _) = Plan(codec, name, targetShortSide);
            var turned = codec.EncodedOrigin is not (SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default);
            return (long)size.Width * size.Height * 4 * (turned ? 2 : 1);
        }
    }

    /// <summary>Decodes the image file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="targetShortSide">
    /// The shorter side the caller will resize to; a large JPEG is decoded at a reduced scale that keeps
    /// its shorter side at least <see cref="ImagingOptions.ScaledDecodeMinRatio"/> times this. 0 decodes in full.
    /// </param>
    /// <exception cref="UnsupportedImageException">The file is missing, unreadable, empty, corrupt, truncated, not an image, or too large.</exception>
    public RgbaImage DecodeFile(string path, int targetShortSide = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = EncodedFile.Read(path, _options.MaxFileBytes);
        return Decode(file.Span, path, targetShortSide);
    }

    /// <summary>Decodes an image held in memory, such as an upload; <paramref name="name"/> is what errors call it.</summary>
    /// <exception cref="UnsupportedImageException">The bytes are empty, corrupt, truncated, not an image, or too large.</exception>
    public unsafe RgbaImage Decode(ReadOnlySpan<byte> encoded, string name, int targetShortSide = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (encoded.IsEmpty)
        {
            throw new UnsupportedImageException(name, "the image is empty");
        }

        // The codec reads the caller's bytes in place: they stay pinned until it is disposed.
        fixed (byte* bytes = encoded)
        {
            using var data = SKData.Create((IntPtr)bytes, encoded.Length)
                ?? throw new UnsupportedImageException(name, "the image cannot be opened");
            return Decode(data, encoded, name, targetShortSide);
        }
    }

    private RgbaImage Decode(SKData data, ReadOnlySpan<byte> encoded, string name, int targetShortSide)
    {
        using var codec = Open(data, name);
        var info = codec.Info;
        var (size, reduction) = Plan(codec, name, targetShortSide);
        var image = new RgbaImage(size.Width, size.Height, info.Width, info.Height, reduction)
        {
            Format = codec.EncodedFormat.ToString().ToLowerInvariant(),
        };
        try
        {
            string? failure = null;
            if (!(UseTurboJpeg(codec) && TurboJpeg.TryDecode(encoded, image, out failure)))
            {
                failure = Describe(DecodeFirstFrame(codec, image));
            }

            if (failure is not null)
            {
                throw new UnsupportedImageException(name, failure);
            }

            return ExifOrientation.Apply(image, codec.EncodedOrigin);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static SKCodec Open(SKData data, string name) => SKCodec.Create(data)
        ?? throw new UnsupportedImageException(name, "not a supported image format (JPEG, PNG, WebP, GIF, BMP) or the header is damaged");

    /// <summary>The size to decode at and its scale, once the declared canvas and the decoded size are within the limits.</summary>
    private (SKSizeI Size, int Reduction) Plan(SKCodec codec, string name, int targetShortSide)
    {
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new UnsupportedImageException(name, $"invalid dimensions {info.Width}x{info.Height}");
        }

        var pixels = (long)info.Width * info.Height;
        if (pixels > _options.MaxPixels)
        {
            // An upload's own limit is the one its sender can act on, though the canvas check comes first.
            throw new UnsupportedImageException(name, _maxDecodedPixels < _options.MaxPixels
                ? $"{info.Width}x{info.Height} is {pixels / 1e6:0.#} megapixels, above the limit of {_maxDecodedPixels / 1e6:0.#} megapixels for an upload (a JPEG of up to {_options.MaxPixels / 1e6:0.#} is read at a reduced scale)"
                : $"{info.Width}x{info.Height} is {pixels / 1e6:0.#} megapixels, above the limit of {_options.MaxPixels / 1e6:0.#}");
        }

        var plan = ChooseDecodeSize(codec, targetShortSide);
        var decoded = (long)plan.Size.Width * plan.Size.Height;
        if (decoded > _maxDecodedPixels)
        {
            throw new UnsupportedImageException(name,
                $"{info.Width}x{info.Height} would decode to {decoded / 1e6:0.#} megapixels, above the limit of {_maxDecodedPixels / 1e6:0.#} for this image (a smaller or JPEG image is fine)");
        }

        return plan;
    }

    private bool UseTurboJpeg(SKCodec codec) =>
        _options.UseTurboJpeg && codec.EncodedFormat == SKEncodedImageFormat.Jpeg && TurboJpeg.IsAvailable;

    private static unsafe SKCodecResult DecodeFirstFrame(SKCodec codec, RgbaImage image)
    {
        var target = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        fixed (byte* pixels = image.Pixels)
        {
            return codec.GetPixels(target, (IntPtr)pixels, target.RowBytes, new SKCodecOptions(0));
        }
    }

    /// <summary>The size to decode at, and its scale denominator (1 for a full decode).</summary>
    private (SKSizeI Size, int Reduction) ChooseDecodeSize(SKCodec codec, int targetShortSide)
    {
        var full = codec.Info.Size;
        if (targetShortSide <= 0 || _options.ScaledDecodeMinRatio <= 0 || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return (full, 1);
        }

        var needed = targetShortSide * _options.ScaledDecodeMinRatio;
        // libjpeg scales by 1/8, 1/4 or 1/2 (rounding up); try the smallest first and keep the first that leaves enough pixels.
        foreach (var reduction in (ReadOnlySpan<int>)[8, 4, 2])
        {
            var scaled = codec.GetScaledDimensions(1f / reduction);
            if (Math.Min(scaled.Width, scaled.Height) >= needed
                && scaled.Width == DivideRoundingUp(full.Width, reduction) && scaled.Height == DivideRoundingUp(full.Height, reduction))
            {
                return (scaled, reduction);
            }
        }

        return (full, 1);
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private static string? Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.Success => null,
        SKCodecResult.IncompleteInput => "the file is truncated",
        SKCodecResult.ErrorInInput => "the image data is corrupt",
        SKCodecResult.InvalidInput => "the image data is invalid",
        _ => $"the decoder failed ({result})",
    };
}
