using ImageMagick;
using Retrieval.Errors;

namespace Retrieval.Imaging;

/// <summary>
/// Decodes the formats SkiaSharp cannot with Magick.NET (ImageMagick with libheif, libjxl, libtiff and LibRaw inside):
/// HEIC and AVIF (grids and transforms as libheif applies them; their EXIF orientation only when the file has no
/// transforms of its own, see <see cref="HeifTransforms"/>), JPEG XL, TIFF (the first page; 16-bit and CMYK brought to 8-bit
/// sRGB), PSD (the flattened composite) and camera raw, the sensor data demosaiced by LibRaw (a raw file's embedded preview
/// is read before it gets here: <see cref="RawPreview"/>). Always with the format told by the content (<see cref="ImageSniffer"/>), within
/// <see cref="MagickSetup"/>'s policy and limits. Thread-safe.
/// </summary>
internal static partial class MagickDecoder
{
    /// <summary>The declared size of the image, read from its header (nothing decoded).</summary>
    /// <exception cref="UnsupportedImageException">The header cannot be read.</exception>
    public static (int Width, int Height) Ping(ReadOnlySpan<byte> encoded, ImageContainer container, string name, ImagingOptions options)
    {
        MagickSetup.Ensure(options);
        try
        {
            // A raw file declares its sensor's size: the largest it can decode to, whichever way it is read.
            using var image = new MagickImage();
            image.Ping(encoded, Settings(container, name));
            return ((int)image.Width, (int)image.Height);
        }
        catch (MagickException e)
        {
            throw Failure(name, container, e);
        }
    }

    /// <summary>Decodes <paramref name="encoded"/>, whose container is <paramref name="container"/>, upright, into 8-bit RGBA.</summary>
    /// <exception cref="UnsupportedImageException">It cannot be decoded; the reason is one line.</exception>
    public static RgbaImage Decode(ReadOnlySpan<byte> encoded, ImageContainer container, string name, ImagingOptions options)
    {
        MagickSetup.Ensure(options);
        try
        {
            using var image = new MagickImage(encoded, Settings(container, name));
            if (container is ImageContainer.Heic or ImageContainer.Avif)
            {
                // libheif applied the file's own transforms; EXIF orientation only counts without them (HeifTransforms).
                if (!HeifTransforms.Present(encoded) && image.GetExifProfile()?.GetValue(ExifTag.Orientation)?.Value is >= 2 and <= 8 and var orientation)
                {
                    image.Orientation = (Orientation)orientation;
                    image.AutoOrient();
                }
            }
            else
            {
                image.AutoOrient();
            }

            if (image.ColorSpace is not (ColorSpace.sRGB or ColorSpace.Gray or ColorSpace.RGB))
            {
                // CMYK and the like by ImageMagick's own formulas, as Pillow converts (no colour management, like every other format here).
                image.ColorSpace = ColorSpace.sRGB;
            }

            var (width, height) = ((int)image.Width, (int)image.Height);
            var decoded = new RgbaImage(width, height) { Format = FormatName(container, name) };
            try
            {
                using var pixels = image.GetPixelsUnsafe();
                pixels.ToByteArray(0, 0, image.Width, image.Height, PixelMapping.RGBA).AsSpan().CopyTo(decoded.Pixels);
                return decoded;
            }
            catch
            {
                decoded.Dispose();
                throw;
            }
        }
        catch (MagickException e)
        {
            throw Failure(name, container, e);
        }
    }

    /// <summary>The Exif and XMP blocks the file holds, as ImageMagick reads them from its header (no pixels decoded).</summary>
    public static (byte[]? Exif, byte[]? Xmp) Profiles(ReadOnlySpan<byte> encoded, ImageContainer container, string name)
    {
        MagickSetup.Ensure(null);
        try
        {
            using var image = new MagickImage();
            image.Ping(encoded, Settings(container, name));
            return (image.GetExifProfile()?.ToByteArray(), image.GetXmpProfile()?.ToByteArray());
        }
        catch (MagickException)
        {
            return (null, null);
        }
    }

    /// <summary>The format's short name, as the catalog records it (heic, avif, jxl, tiff, psd, or the raw format: cr2, nef, ...).</summary>
    public static string FormatName(ImageContainer container, string name) => container switch
    {
        ImageContainer.Heic => "heic",
        ImageContainer.Avif => "avif",
        ImageContainer.JpegXl => "jxl",
        ImageContainer.Tiff => "tiff",
        ImageContainer.Psd => "psd",
        _ => ImageSniffer.RawExtensions.TryGetValue(Path.GetExtension(name), out var raw) ? raw.ToLowerInvariant() : "raw",
    };

    private static MagickReadSettings Settings(ImageContainer container, string name) =>
        new() { Format = Format(container, name), FrameIndex = 0, FrameCount = 1 };

    private static MagickFormat Format(ImageContainer container, string name) => container switch
    {
        ImageContainer.Heic => MagickFormat.Heic,
        ImageContainer.Avif => MagickFormat.Avif,
        ImageContainer.JpegXl => MagickFormat.Jxl,
        ImageContainer.Tiff => MagickFormat.Tiff,
        ImageContainer.Psd => MagickFormat.Psd,
        ImageContainer.Raw => Enum.TryParse<MagickFormat>(FormatName(container, name), ignoreCase: true, out var raw) ? raw : MagickFormat.Dng,
        _ => throw new ArgumentOutOfRangeException(nameof(container), container, "not a container ImageMagick reads for the engine"),
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\(\d+\.\d+\)|`[^']*'")]
    private static partial System.Text.RegularExpressions.Regex TemporaryFile();

    /// <summary>ImageMagick's failure as one line naming the format, without its source-file suffix.</summary>
    private static UnsupportedImageException Failure(string name, ImageContainer container, MagickException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" @ ", StringComparison.Ordinal);
        var reason = (at > 0 ? message[..at] : message).ReplaceLineEndings(" ");
        // libheif appends its error code and the temporary file it read ("(2.100) `/tmp/magick-XYZ'"): neither means anything to a reader.
        reason = string.Join(' ', TemporaryFile().Replace(reason, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new UnsupportedImageException(name, $"the {FormatName(container, name).ToUpperInvariant()} image cannot be decoded: {reason}", e);
    }
}
