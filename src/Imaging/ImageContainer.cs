namespace Retrieval.Imaging;

/// <summary>What an image file holds, told by its first bytes (never by its name), and so which library decodes it.</summary>
public enum ImageContainer
{
    /// <summary>Not an image format the engine reads.</summary>
    Unknown,

    /// <summary>JPEG (libjpeg-turbo or SkiaSharp).</summary>
    Jpeg,

    /// <summary>PNG (SkiaSharp).</summary>
    Png,

    /// <summary>WebP (SkiaSharp).</summary>
    WebP,

    /// <summary>GIF, the first frame (SkiaSharp).</summary>
    Gif,

    /// <summary>BMP (SkiaSharp).</summary>
    Bmp,

    /// <summary>HEIC or HEIF: HEVC in an ISO base media file (Magick.NET: libheif).</summary>
    Heic,

    /// <summary>AVIF: AV1 in an ISO base media file (Magick.NET: libheif).</summary>
    Avif,

    /// <summary>JPEG XL (Magick.NET: libjxl).</summary>
    JpegXl,

    /// <summary>TIFF, the first page (Magick.NET: libtiff).</summary>
    Tiff,

    /// <summary>Photoshop, the flattened composite (Magick.NET).</summary>
    Psd,

    /// <summary>A camera raw file (Magick.NET: LibRaw): its embedded preview, or the sensor data demosaiced.</summary>
    Raw,
}
