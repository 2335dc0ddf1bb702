using System.Collections.Frozen;

namespace Retrieval.Indexing;

/// <summary>Which file extensions the indexer takes for photos: those it decodes, and those it knows but cannot read (recorded as failed, with why).</summary>
public static class PhotoFormats
{
    /// <summary>Decoded: JPEG, PNG, WebP, GIF (first frame), BMP.</summary>
    public static FrozenSet<string> Supported { get; } =
        new[] { ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif", ".bmp" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Photo formats found in collections that are not decoded, by extension, with their name.</summary>
    public static FrozenDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".heic"] = "HEIC", [".heif"] = "HEIF", [".avif"] = "AVIF", [".tif"] = "TIFF", [".tiff"] = "TIFF", [".jxl"] = "JPEG XL",
        [".dng"] = "DNG raw", [".cr2"] = "Canon raw", [".cr3"] = "Canon raw", [".nef"] = "Nikon raw", [".arw"] = "Sony raw",
        [".orf"] = "Olympus raw", [".rw2"] = "Panasonic raw", [".raf"] = "Fujifilm raw", [".psd"] = "Photoshop", [".svg"] = "SVG",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the walk should take <paramref name="path"/> (supported or known-unsupported photo extension).</summary>
    public static bool IsPhotoName(string path) =>
        Path.GetExtension(path) is { Length: > 0 } extension && (Supported.Contains(extension) || Unsupported.ContainsKey(extension));
}
