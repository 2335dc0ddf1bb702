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
