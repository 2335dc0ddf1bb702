using Retrieval.Errors;
using SkiaSharp;

namespace Retrieval.Imaging;

/// <summary>
/// Decodes a photo into upright RGBA pixels, routed by its content (<see cref="ImageSniffer"/>): JPEG, PNG, WebP, GIF
/// (first frame) and BMP with SkiaSharp (JPEG with libjpeg-turbo when installed), HEIC, AVIF, JPEG XL, TIFF, PSD and
/// camera raw with Magick.NET (<see cref="MagickDecoder"/>). EXIF orientation applied, alpha kept unpremultiplied (CLIP
/// drops it, it does not composite), no colour management (as the reference). Refuses declared canvases above
/// <see cref="ImagingOptions.MaxPixels"/> before decoding, and reports every unreadable input as an
/// <see cref="UnsupportedImageException"/> naming it. Thread-safe.
/// </summary>
public sealed class ImageDecoder
{
    /// <summary>A raw file's preview is used when its shorter side is at least this many pixels (or half the sensor's); else the sensor data is demosaiced.</summary>
    public const int MinPreviewSide = 1024;

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

        var container = Container(encoded, name);
        if (!IsSkia(container))
        {
            var (width, height) = PingWithinLimits(encoded, container, name);
            // ImageMagick's own copy of the pixels, the exported rows and ours.
            return (long)width * height * 4 * 3;
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

        var container = Container(encoded, name);
        if (container == ImageContainer.Raw && Preview(encoded, name, targetShortSide) is { } preview)
        {
            return preview;
        }

        if (!IsSkia(container))
        {
            PingWithinLimits(encoded, container, name);
            return MagickDecoder.Decode(encoded, container, name, _options);
        }

        // The codec reads the caller's bytes in place: they stay pinned until it is disposed.
        fixed (byte* bytes = encoded)
        {
            using var data = SKData.Create((IntPtr)bytes, encoded.Length)
                ?? throw new UnsupportedImageException(name, "the image cannot be opened");
            return Decode(data, encoded, name, targetShortSide);
        }
    }

    /// <summary>
    /// A raw file decoded by its camera's JPEG preview, as fast as any JPEG (at a reduced scale where the target allows),
    /// when the preview is large enough to stand for the photo (<see cref="MinPreviewSide"/>, or half the sensor's
    /// side); null when there is none, it is too small, or it cannot be decoded (the sensor data is then demosaiced).
    /// </summary>
    private unsafe RgbaImage? Preview(ReadOnlySpan<byte> encoded, string name, int targetShortSide)
    {
        if (RawPreview.Find(encoded) is not { } found)
        {
            return null;
        }

        var jpeg = encoded.Slice(found.Offset, found.Length);
        fixed (byte* bytes = jpeg)
        {
            using var data = SKData.Create((IntPtr)bytes, jpeg.Length);
            using var codec = data is null ? null : SKCodec.Create(data);
            if (codec is null || (Math.Min(codec.Info.Width, codec.Info.Height) is var side && side < MinPreviewSide
                && side < SensorShortSide(encoded, name) / 2))
            {
                return null;
            }

            try
            {
                return Decode(data!, jpeg, name, targetShortSide, MagickDecoder.FormatName(ImageContainer.Raw, name), found.Origin);
            }
            catch (UnsupportedImageException)
            {
                return null; // a broken preview: the sensor data is still there
            }
        }
    }

    /// <summary>The shorter side of a raw file's sensor, as its header declares it.</summary>
    private int SensorShortSide(ReadOnlySpan<byte> encoded, string name)
    {
        var (width, height) = MagickDecoder.Ping(encoded, ImageContainer.Raw, name, _options);
        return Math.Min(width, height);
    }

    /// <summary>The declared size of an image ImageMagick decodes, refused when above the limits (nothing decoded).</summary>
    private (int Width, int Height) PingWithinLimits(ReadOnlySpan<byte> encoded, ImageContainer container, string name)
    {
        var (width, height) = MagickDecoder.Ping(encoded, container, name, _options);
        CheckDeclared(name, width, height);
        CheckDecoded(name, width, height, width, height);
        return (width, height);
    }

    private RgbaImage Decode(SKData data, ReadOnlySpan<byte> encoded, string name, int targetShortSide, string? format = null,
        SKEncodedOrigin origin = SKEncodedOrigin.Default)
    {
        using var codec = Open(data, name);
        var info = codec.Info;
        var (size, reduction) = Plan(codec, name, targetShortSide);
        var image = new RgbaImage(size.Width, size.Height, info.Width, info.Height, reduction)
        {
            Format = format ?? codec.EncodedFormat.ToString().ToLowerInvariant(),
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

            // A raw file's preview takes the raw's orientation unless it carries its own.
            return ExifOrientation.Apply(image, codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default && origin != SKEncodedOrigin.Default ? origin : codec.EncodedOrigin);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>The container <paramref name="encoded"/> holds, refused when it is none the engine reads.</summary>
    private static ImageContainer Container(ReadOnlySpan<byte> encoded, string name) =>
        ImageSniffer.Detect(encoded[..Math.Min(encoded.Length, ImageSniffer.HeaderBytes)], name) is var container and not ImageContainer.Unknown ? container
        : throw new UnsupportedImageException(name, "not a photo format the engine reads (JPEG, PNG, WebP, GIF, BMP, HEIC, AVIF, JPEG XL, TIFF, PSD, camera raw), or its header is damaged");

    /// <summary>Whether SkiaSharp (and libjpeg-turbo) decode the container; ImageMagick decodes the others.</summary>
    private static bool IsSkia(ImageContainer container) =>
        container is ImageContainer.Jpeg or ImageContainer.Png or ImageContainer.WebP or ImageContainer.Gif or ImageContainer.Bmp;

    private static SKCodec Open(SKData data, string name) => SKCodec.Create(data)
        ?? throw new UnsupportedImageException(name, "the image's header is damaged");

    /// <summary>The size to decode at and its scale, once the declared canvas and the decoded size are within the limits.</summary>
    private (SKSizeI Size, int Reduction) Plan(SKCodec codec, string name, int targetShortSide)
    {
        var info = codec.Info;
        CheckDeclared(name, info.Width, info.Height);
        var plan = ChooseDecodeSize(codec, targetShortSide);
        CheckDecoded(name, info.Width, info.Height, plan.Size.Width, plan.Size.Height);
        return plan;
    }

    /// <summary>Refuses a declared canvas that is empty or above <see cref="ImagingOptions.MaxPixels"/>, before anything is decoded.</summary>
    private void CheckDeclared(string name, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new UnsupportedImageException(name, $"invalid dimensions {width}x{height}");
        }

        var pixels = (long)width * height;
        if (pixels > _options.MaxPixels)
        {
            // An upload's own limit is the one its sender can act on, though the canvas check comes first.
            throw new UnsupportedImageException(name, _maxDecodedPixels < _options.MaxPixels
                ? $"{width}x{height} is {pixels / 1e6:0.#} megapixels, above the limit of {_maxDecodedPixels / 1e6:0.#} megapixels for an upload (a JPEG of up to {_options.MaxPixels / 1e6:0.#} is read at a reduced scale)"
                : $"{width}x{height} is {pixels / 1e6:0.#} megapixels, above the limit of {_options.MaxPixels / 1e6:0.#}");
        }
    }

    /// <summary>Refuses a decode to more pixels than this decoder may hold.</summary>
    private void CheckDecoded(string name, int width, int height, int decodedWidth, int decodedHeight)
    {
        var decoded = (long)decodedWidth * decodedHeight;
        if (decoded > _maxDecodedPixels)
        {
            throw new UnsupportedImageException(name,
                $"{width}x{height} would decode to {decoded / 1e6:0.#} megapixels, above the limit of {_maxDecodedPixels / 1e6:0.#} for this image (a smaller or JPEG image is fine)");
        }
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
