using System.Buffers.Binary;
using System.Collections.Frozen;

namespace Retrieval.Imaging;

/// <summary>
/// Tells an image's container from its first bytes, so a JPEG named <c>.heic</c> is decoded as the JPEG it is, and an SVG,
/// MVG or PostScript file named like a photo reaches no decoder at all. Camera raw files built on TIFF (DNG, NEF, ARW,
/// PEF, SRW, NRW) carry no mark of their own: a TIFF whose name is a raw format's is read as raw; those with a mark of
/// their own (CR2, CR3, ORF, RW2, RAF) are raw whatever their name.
/// </summary>
public static class ImageSniffer
{
    /// <summary>The bytes needed to tell every container apart.</summary>
    public const int HeaderBytes = 64;

    /// <summary>The extensions of camera raw formats, each with the ImageMagick format that reads it.</summary>
    public static FrozenDictionary<string, string> RawExtensions { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".dng"] = "DNG", [".cr2"] = "CR2", [".cr3"] = "CR3", [".crw"] = "CRW", [".nef"] = "NEF", [".nrw"] = "NRW", [".arw"] = "ARW",
        [".srf"] = "SRF", [".sr2"] = "SR2", [".raf"] = "RAF", [".orf"] = "ORF", [".rw2"] = "RW2", [".rwl"] = "RWL", [".pef"] = "PEF",
        [".srw"] = "SRW", [".erf"] = "ERF", [".kdc"] = "KDC", [".dcr"] = "DCR", [".mrw"] = "MRW", [".3fr"] = "3FR", [".iiq"] = "IIQ",
        [".x3f"] = "X3F", [".mef"] = "MEF", [".mos"] = "MOS",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> HeicBrands = new[] { "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2", "miaf" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The container of the image whose file starts with <paramref name="header"/>; <paramref name="name"/> only tells TIFF-based raw files from TIFFs.</summary>
    public static ImageContainer Detect(ReadOnlySpan<byte> header, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return header switch
        {
            [0xFF, 0xD8, 0xFF, ..] => ImageContainer.Jpeg,
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => ImageContainer.Png,
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => ImageContainer.Gif,
            [(byte)'B', (byte)'M', ..] when header.Length >= 26 => ImageContainer.Bmp,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageContainer.WebP,
            [(byte)'8', (byte)'B', (byte)'P', (byte)'S', ..] => ImageContainer.Psd,
            [0xFF, 0x0A, ..] or [0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', ..] => ImageContainer.JpegXl,
            [(byte)'F', (byte)'U', (byte)'J', (byte)'I', (byte)'F', (byte)'I', (byte)'L', (byte)'M', ..] => ImageContainer.Raw,
            [(byte)'I', (byte)'I', (byte)'R', (byte)'O' or (byte)'S', ..] or [(byte)'M', (byte)'M', (byte)'O', (byte)'R', ..] => ImageContainer.Raw, // Olympus ORF
            [(byte)'I', (byte)'I', (byte)'U', 0, ..] => ImageContainer.Raw, // Panasonic RW2
            [(byte)'I', (byte)'I', 42, 0, _, _, _, _, (byte)'C', (byte)'R', ..] => ImageContainer.Raw, // Canon CR2
            [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => RawExtensions.ContainsKey(Path.GetExtension(name)) ? ImageContainer.Raw : ImageContainer.Tiff,
            _ => IsoMedia(header),
        };
    }

    /// <summary>The media type of an image of <paramref name="container"/> (a raw file's by its name's format).</summary>
    public static string MediaTypeOf(ImageContainer container, string name) => container switch
    {
        ImageContainer.Jpeg => "image/jpeg",
        ImageContainer.Png => "image/png",
        ImageContainer.WebP => "image/webp",
        ImageContainer.Gif => "image/gif",
        ImageContainer.Bmp => "image/bmp",
        ImageContainer.Heic => "image/heic",
        ImageContainer.Avif => "image/avif",
        ImageContainer.JpegXl => "image/jxl",
        ImageContainer.Tiff => "image/tiff",
        ImageContainer.Psd => "image/vnd.adobe.photoshop",
        ImageContainer.Raw => RawExtensions.TryGetValue(Path.GetExtension(name), out var raw) ? $"image/x-{raw.ToLowerInvariant()}" : "image/x-raw",
        _ => "application/octet-stream",
    };

    /// <summary>Whether browsers show images of <paramref name="container"/> themselves (the others are offered for download; the page shows JPEG renditions).</summary>
    public static bool BrowsersShow(ImageContainer container) =>
        container is ImageContainer.Jpeg or ImageContainer.Png or ImageContainer.WebP or ImageContainer.Gif or ImageContainer.Bmp or ImageContainer.Avif;

    /// <summary>HEIC, AVIF or CR3 from an ISO base media file's <c>ftyp</c> box: its major brand, else its compatible brands.</summary>
    private static ImageContainer IsoMedia(ReadOnlySpan<byte> header)
    {
        if (header.Length < 16 || !header[4..8].SequenceEqual("ftyp"u8))
        {
            return ImageContainer.Unknown;
        }

        var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header), (uint)header.Length);
        var brands = new List<string> { System.Text.Encoding.ASCII.GetString(header[8..12]) };
        for (var at = 16; at + 4 <= size; at += 4)
        {
            brands.Add(System.Text.Encoding.ASCII.GetString(header.Slice(at, 4)));
        }

        return brands.Contains("crx ") ? ImageContainer.Raw
            : brands[0] is "avif" or "avis" ? ImageContainer.Avif
            : HeicBrands.Contains(brands[0]) ? ImageContainer.Heic
            : brands.Contains("avif") ? ImageContainer.Avif
            : brands.Any(HeicBrands.Contains) ? ImageContainer.Heic
            : ImageContainer.Unknown;
    }
}
