using System.Buffers.Binary;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Retrieval.Metadata;
using SkiaSharp;

namespace Retrieval.Imaging;

/// <summary>
/// The camera's own full-size rendering inside a raw file — the JPEG preview every viewer shows first — found from the
/// file's TIFF directories (as MetadataExtractor reads them, within the metadata budget) or a Fujifilm RAF's header: the
/// largest JPEG a directory points at (strips or JPEGInterchangeFormat), and the orientation the raw file gives it.
/// </summary>
internal static class RawPreview
{
    private const int TagCompression = 0x0103;
    private const int TagJpegOffset = 0x0201;
    private const int TagJpegLength = 0x0202;

    /// <summary>The largest embedded JPEG preview of <paramref name="file"/>, and the raw's orientation; null when it has none.</summary>
    public static (int Offset, int Length, SKEncodedOrigin Origin)? Find(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith("FUJIFILMCCD-RAW"u8) && file.Length >= 92)
        {
            var (offset, length) = (BinaryPrimitives.ReadUInt32BigEndian(file[84..]), BinaryPrimitives.ReadUInt32BigEndian(file[88..]));
            return IsJpeg(file, offset, length) ? ((int)offset, (int)length, SKEncodedOrigin.TopLeft) : null;
        }

        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = MetadataBlocks.ReadTiff(file, new MetadataBudget(MetadataBudget.DefaultBytes));
        }
        catch (Exception e) when (e is MetadataExtractor.ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }

        (long Offset, long Length)? best = null;
        foreach (var directory in directories.OfType<ExifDirectoryBase>())
        {
            foreach (var (offset, length) in Candidates(directory))
            {
                if (IsJpeg(file, offset, length) && length > (best?.Length ?? 0))
                {
                    best = (offset, length);
                }
            }
        }

        var orientation = directories.OfType<ExifIfd0Directory>().FirstOrDefault() is { } ifd0 && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var o) ? o : 1;
        return best is { } found ? ((int)found.Offset, (int)found.Length, orientation is >= 1 and <= 8 ? (SKEncodedOrigin)orientation : SKEncodedOrigin.TopLeft) : null;
    }

    /// <summary>The JPEGs a directory points at: a JPEG-compressed image of one strip, or JPEGInterchangeFormat.</summary>
    private static IEnumerable<(long Offset, long Length)> Candidates(ExifDirectoryBase directory)
    {
        if (directory.TryGetInt64(TagJpegOffset, out var offset) && directory.TryGetInt64(TagJpegLength, out var length))
        {
            yield return (offset, length);
        }

        if (directory.TryGetInt32(TagCompression, out var compression) && compression is 6 or 7
            && directory.GetObject(ExifDirectoryBase.TagStripOffsets) is { } offsets && directory.GetObject(ExifDirectoryBase.TagStripByteCounts) is { } counts
            && Single(offsets) is { } strip && Single(counts) is { } bytes)
        {
            yield return (strip, bytes);
        }
    }

    /// <summary>The one value of a tag that may hold one or several.</summary>
    private static long? Single(object value) => value switch
    {
        int i => i,
        uint u => u,
        long l => l,
        ushort s => s,
        int[] { Length: 1 } a => a[0],
        uint[] { Length: 1 } a => a[0],
        ushort[] { Length: 1 } a => a[0],
        _ => null,
    };

    private static bool IsJpeg(ReadOnlySpan<byte> file, long offset, long length) =>
        offset > 0 && length > 2 && offset + length <= file.Length && file[(int)offset] == 0xFF && file[(int)offset + 1] == 0xD8;
}
