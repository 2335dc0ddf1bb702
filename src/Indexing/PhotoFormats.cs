using System.Collections.Frozen;

namespace Retrieval.Indexing;

/// <summary>Which file extensions the indexer takes for photos: those it decodes, and those it knows but cannot read (recorded as failed, with why).</summary>
public static class PhotoFormats
{
    /// <summary>
    /// Decoded: JPEG, PNG, WebP, GIF (first frame), BMP; HEIC/HEIF, AVIF, JPEG XL, TIFF, PSD and camera raw. The name only
    /// decides whether the walk takes a file: what decodes it is told by its content (<see cref="Imaging.ImageSniffer"/>).
    /// </summary>
    public static FrozenSet<string> Supported { get; } =
        new[] { ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif", ".bmp", ".heic", ".heif", ".hif", ".avif", ".jxl", ".tif", ".tiff", ".psd" }
            .Concat(Imaging.ImageSniffer.RawExtensions.Keys).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Image formats found in collections that are not decoded, by extension, with their name.</summary>
    public static FrozenDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "SVG", [".svgz"] = "SVG", [".eps"] = "PostScript", [".pdf"] = "PDF",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the walk should take <paramref name="path"/> (supported or known-unsupported photo extension, or a video's).</summary>
    public static bool IsPhotoName(string path) =>
        Path.GetExtension(path) is { Length: > 0 } extension
        && (Supported.Contains(extension) || Unsupported.ContainsKey(extension) || Video.VideoFormats.Extensions.Contains(extension));
}
