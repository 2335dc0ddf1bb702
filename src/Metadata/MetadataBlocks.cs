using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Riff;
using MetadataExtractor.Formats.Xmp;
using MetadataExtractor.IO;
using Directory = MetadataExtractor.Directory;

namespace Retrieval.Metadata;

/// <summary>
/// The metadata a photo's file holds — its Exif, XMP and IPTC blocks — read within a per-file budget
/// (<see cref="MetadataBudget"/>). MetadataExtractor parses the blocks; what is handed to it is chosen here, from the
/// container's own segments or chunks (JPEG APP1/APP13, PNG eXIf/iTXt, WebP EXIF/XMP; the directories of a TIFF or a
/// raw file built on TIFF; a Fujifilm raw's JPEG), or given whole by the decoder that found them (<see cref="ReadBlocks"/>): only the blocks we read,
/// each checked before it is parsed. Nothing is inflated beyond the budget (a PNG's compressed text chunks, which we
/// do not read, are never inflated at all), and an Exif block whose values would cost more than its share is left out.
/// </summary>
public static class MetadataBlocks
{
    private static readonly byte[] ExifPreamble = "Exif\0\0"u8.ToArray();
    private static readonly byte[] XmpPreamble = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();
    private static readonly byte[] PhotoshopPreamble = "Photoshop 3.0\0"u8.ToArray();
    private static readonly PngChunkType[] PngChunks = [PngChunkType.eXIf, PngChunkType.iTXt];

    /// <summary>The directories of the metadata blocks in <paramref name="file"/>; none for a format without any, or blocks that break the budget.</summary>
    public static IReadOnlyList<Directory> Read(byte[] file, int length, MetadataBudget budget)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(budget);
        var bytes = file.AsSpan(0, length);
        var directories = new List<Directory>();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]))
        {
            Jpeg(file, length, budget, directories);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            Png(file, length, budget, directories);
        }
        else if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..].StartsWith("WEBP"u8))
        {
            WebP(file, length, budget, directories);
        }
        else if (IsTiff(bytes))
        {
            Tiff(bytes, budget, directories);
        }
        else if (bytes.StartsWith("FUJIFILMCCD-RAW"u8) && bytes.Length >= 92)
        {
            FujifilmRaw(file, length, budget, directories);
        }

        return directories;
    }

    /// <summary>
    /// The directories of a container's Exif and XMP blocks handed over whole (HEIC, AVIF, JPEG XL and PSD, whose decoder
    /// finds them): each checked and counted as if read from a JPEG.
    /// </summary>
    public static IReadOnlyList<Directory> ReadBlocks(byte[]? exif, byte[]? xmp, MetadataBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var directories = new List<Directory>();
        if (exif is { Length: > 0 })
        {
            Exif(exif, exif.AsSpan().StartsWith(ExifPreamble) ? ExifPreamble.Length : 0, budget, directories);
        }

        if (xmp is { Length: > 0 })
        {
            Xmp(xmp, 0, xmp.Length, budget, directories);
        }

        return directories;
    }

    /// <summary>The directories of a TIFF-structured file (TIFF, or a raw format built on it); none for anything else.</summary>
    public static IReadOnlyList<Directory> ReadTiff(ReadOnlySpan<byte> file, MetadataBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var directories = new List<Directory>();
        if (IsTiff(file))
        {
            Tiff(file, budget, directories);
        }

        return directories;
    }

    /// <summary>A TIFF structure: TIFF itself and the raw formats built on it, Olympus' (IIRO, IIRS, MMOR) and Panasonic's (IIU) included.</summary>
    private static bool IsTiff(ReadOnlySpan<byte> bytes) =>
        bytes is [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] or [(byte)'I', (byte)'I', (byte)'R', (byte)'O' or (byte)'S', ..]
            or [(byte)'M', (byte)'M', (byte)'O', (byte)'R', ..] or [(byte)'I', (byte)'I', (byte)'U', 0, ..];

    /// <summary>
    /// A TIFF-structured file is an Exif block in itself. Its directories lie near its start; only the budget's share of
    /// it is copied (the walk renames opaque tags in what it walks, which must not be the bytes the decoder reads), and
    /// only the values' cost is counted: the image data is never read.
    /// </summary>
    private static void Tiff(ReadOnlySpan<byte> file, MetadataBudget budget, List<Directory> directories)
    {
        var head = file[..(int)Math.Min(file.Length, MetadataBudget.DefaultBytes)].ToArray();
        if (ExifBlock.Cost(head) is var cost && cost != long.MaxValue && budget.TryTake(cost))
        {
            directories.AddRange(new ExifReader().Extract(new ByteArrayReader(head)));
        }
    }

    /// <summary>A Fujifilm RAF holds a JPEG (its preview) whose Exif block is the file's: its offset and length are in the header.</summary>
    private static void FujifilmRaw(byte[] file, int length, MetadataBudget budget, List<Directory> directories)
    {
        var offset = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(84));
        var size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(88));
        if (offset < (uint)length && size <= (uint)length - offset)
        {
            var jpeg = file.AsSpan((int)offset, (int)size).ToArray();
            Jpeg(jpeg, jpeg.Length, budget, directories);
        }
    }

    private static void Jpeg(byte[] file, int length, MetadataBudget budget, List<Directory> directories)
    {
        var segments = JpegSegmentReader.ReadSegments(Sequential(file, length), [JpegSegmentType.App1, JpegSegmentType.AppD]);
        foreach (var segment in segments)
        {
            var data = segment.Bytes;
            if (segment.Type == JpegSegmentType.App1 && data.AsSpan().StartsWith(ExifPreamble))
            {
                Exif(data, ExifPreamble.Length, budget, directories);
            }
            else if (segment.Type == JpegSegmentType.App1 && data.AsSpan().StartsWith(XmpPreamble))
            {
                Xmp(data, XmpPreamble.Length, data.Length - XmpPreamble.Length, budget, directories);
            }
            else if (segment.Type == JpegSegmentType.AppD && data.AsSpan().StartsWith(PhotoshopPreamble))
            {
                Iptc(PhotoshopIptc(data.AsSpan(PhotoshopPreamble.Length)), budget, directories);
            }
        }
    }

    private static void Png(byte[] file, int length, MetadataBudget budget, List<Directory> directories)
    {
        // Only the chunks we read are copied out; the rest (image data, compressed text) are skipped unread.
        foreach (var chunk in new PngChunkReader().Extract(Sequential(file, length), PngChunks))
        {
            if (chunk.ChunkType == PngChunkType.eXIf)
            {
                Exif(chunk.Bytes, 0, budget, directories);
            }
            else if (InternationalText(chunk.Bytes, budget) is { } xmp)
            {
                Xmp(xmp, 0, xmp.Length, budget, directories);
            }
        }
    }

    private static void WebP(byte[] file, int length, MetadataBudget budget, List<Directory> directories)
    {
        var chunks = new WebPChunks();
        new RiffReader().ProcessRiff(Sequential(file, length), chunks);
        foreach (var (type, data) in chunks.Found)
        {
            var skip = data.AsSpan().StartsWith(ExifPreamble) ? ExifPreamble.Length : 0; // some writers keep the JPEG preamble
            if (type == "EXIF")
            {
                Exif(data, skip, budget, directories);
            }
            else
            {
                Xmp(data, 0, data.Length, budget, directories);
            }
        }
    }

    private static void Exif(byte[] data, int start, MetadataBudget budget, List<Directory> directories)
    {
        var tiff = data.AsSpan(start);
        if (ExifBlock.Cost(tiff) is var cost && cost != long.MaxValue && budget.TryTake(tiff.Length + cost))
        {
            directories.AddRange(new ExifReader().Extract(new ByteArrayReader(data, start)));
        }
    }

    private static void Xmp(byte[] data, int start, int length, MetadataBudget budget, List<Directory> directories)
    {
        // An XMP packet's parse costs several times its size: it is counted so.
        if (length > 0 && budget.TryTake(length * 4L))
        {
            directories.Add(new XmpReader().Extract(data, start, length));
        }
    }

    private static void Iptc(byte[]? data, MetadataBudget budget, List<Directory> directories)
    {
        if (data is { Length: > 0 } && budget.TryTake(data.Length * 2L))
        {
            directories.Add(new IptcReader().Extract(new SequentialByteArrayReader(data), data.Length));
        }
    }

    /// <summary>The IPTC record (image resource 0x0404) of a Photoshop APP13 segment; the other resources are left unread.</summary>
    private static byte[]? PhotoshopIptc(ReadOnlySpan<byte> resources)
    {
        // Each resource: "8BIM", id (2), a Pascal name padded to even length, size (4), data padded to even length.
        while (resources.Length >= 12 && resources.StartsWith("8BIM"u8))
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(resources[4..]);
            var nameLength = resources[6] + 1;
            var at = 6 + nameLength + (nameLength % 2);
            if (at + 4 > resources.Length)
            {
                return null;
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(resources[at..]);
            at += 4;
            if (size > (uint)(resources.Length - at))
            {
                return null;
            }

            if (id == 0x0404)
            {
                return resources.Slice(at, (int)size).ToArray();
            }

            resources = resources[(at + (int)size + (int)(size % 2))..];
        }

        return null;
    }

    /// <summary>
    /// The text of a PNG iTXt chunk when it is the XMP packet (keyword <c>XML:com.adobe.xmp</c>), inflated within the
    /// budget when compressed; null for any other keyword, or a packet that would inflate past what is left.
    /// </summary>
    private static byte[]? InternationalText(byte[] chunk, MetadataBudget budget)
    {
        // keyword NUL, compression flag, method, language NUL, translated keyword NUL, text
        var span = chunk.AsSpan();
        var keyword = span.IndexOf((byte)0);
        if (keyword < 0 || !span[..keyword].SequenceEqual("XML:com.adobe.xmp"u8) || keyword + 3 > span.Length)
        {
            return null;
        }

        var compressed = span[keyword + 1] == 1;
        var rest = span[(keyword + 3)..];
        var language = rest.IndexOf((byte)0);
        var translated = language < 0 ? -1 : rest[(language + 1)..].IndexOf((byte)0);
        if (translated < 0)
        {
            return null;
        }

        var textStart = chunk.Length - rest.Length + language + 1 + translated + 1;
        return compressed ? Inflate(chunk, textStart, budget) : chunk[textStart..];
    }

    /// <summary>The zlib stream at <paramref name="start"/> inflated, when it inflates to no more than what the budget has left.</summary>
    private static byte[]? Inflate(byte[] data, int start, MetadataBudget budget)
    {
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(data, start, data.Length - start, writable: false), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            var buffer = new byte[16 << 10];
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                if (!budget.TryTake(read))
                {
                    return null;
                }

                inflated.Write(buffer, 0, read);
            }

            return inflated.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    // A stream, not a byte-array reader: the file's pooled buffer runs past its length, and must not be copied.
    private static SequentialStreamReader Sequential(byte[] file, int length) => new(new MemoryStream(file, 0, length, writable: false));

    /// <summary>Collects a WebP's EXIF and XMP chunks, and nothing else.</summary>
    private sealed class WebPChunks : IRiffHandler
    {
        public List<(string Type, byte[] Data)> Found { get; } = [];

        public bool ShouldAcceptRiffIdentifier(string identifier) => identifier == "WEBP";

        public bool ShouldAcceptChunk(string fourCc) => fourCc is "EXIF" or "XMP ";

        public bool ShouldAcceptList(string fourCc) => false;

        public void ProcessChunk(string fourCc, byte[] payload) => Found.Add((fourCc.TrimEnd(), payload));
    }
}
