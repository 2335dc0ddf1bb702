using System.ComponentModel.DataAnnotations;

namespace Retrieval.Imaging;

/// <summary>How images are decoded, whatever the model: safety limits and the scaled-decode trade-off.</summary>
public sealed class ImagingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Imaging";

    /// <summary>
    /// Images with more pixels than this are refused before any pixel is decoded, so a crafted file that
    /// declares a gigantic canvas (a decompression bomb) costs nothing. Default 100 megapixels.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>
    /// An image from outside the library (an upload to search by or to caption) is decoded to at most this many
    /// pixels, after the reduced-scale decode a JPEG allows: the model needs a few hundred pixels a side, and a
    /// small PNG or GIF can declare a canvas whose pixels take hundreds of megabytes. Default 16 megapixels (64 MB).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadPixels { get; set; } = 16_000_000;

    /// <summary>
    /// The bytes of decoded pixels that uploads and thumbnails may hold at once: each decode waits until its share
    /// (read from the image's header) is free, so concurrent requests cannot add up past it. One image larger than
    /// the whole budget still decodes, alone. Default 256 MB.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long DecodeMemoryBytes { get; set; } = 256L << 20;

    /// <summary>The most bytes the thumbnail cache keeps on disk; the least recently used go first. Default 256 MB.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long ThumbnailCacheBytes { get; set; } = 256L << 20;

    /// <summary>Thumbnails being made at once (decode and encode); more wait their turn, within their request's time. Default 2.</summary>
    [Range(1, 256)]
    public int ThumbnailConcurrency { get; set; } = 2;

    /// <summary>
    /// Files larger than this are refused before they are read: each decode reads its whole file into
    /// memory. Default 256 MiB, far above any camera's JPEG; at most 2 GiB.
    /// </summary>
    [Range(1, int.MaxValue)]
    public long MaxFileBytes { get; set; } = 256L << 20;

    /// <summary>
    /// A JPEG is decoded at a reduced scale (libjpeg's DCT scaling: 1/2, 1/4, 1/8) only while its shorter
    /// side stays at least this many times the model's input size, so the final antialiased resample still
    /// sees enough detail to match a full decode. 0 turns scaled decoding off.
    /// </summary>
    [Range(0.0, 64.0)]
    public double ScaledDecodeMinRatio { get; set; } = 2.0;

    /// <summary>
    /// Decode JPEGs with the machine's libturbojpeg (SIMD) when it is installed, else with SkiaSharp's
    /// built-in decoder. Both give the same pixels; the system library is several times faster.
    /// </summary>
    public bool UseTurboJpeg { get; set; } = true;
}
