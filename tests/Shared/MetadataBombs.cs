using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Retrieval.Testing;

/// <summary>
/// Photos whose metadata asks a parser for far more memory than the file holds: PNG text chunks that inflate to a
/// gigabyte, a compressed XMP packet that does the same, Exif blocks whose thousands of entries all point at the same
/// bytes, XMP with entity expansion — and an ordinary XMP packet, to show the good metadata beside them still reads.
/// </summary>
internal static class MetadataBombs
{
    /// <summary>A zlib stream of <paramref name="bytes"/> zero bytes (a gigabyte compresses to about a megabyte).</summary>
    public static byte[] ZlibOfZeros(long bytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var left = bytes; left > 0; left -= zeros.Length)
            {
                zlib.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }
        }

        return compressed.ToArray();
    }

    /// <summary>A PNG zTXt chunk's data: <paramref name="keyword"/>, the method, then <paramref name="compressed"/>.</summary>
    public static byte[] CompressedText(string keyword, byte[] compressed) => [.. Encoding.Latin1.GetBytes(keyword), 0, 0, .. compressed];

    /// <summary>A PNG iTXt chunk's data holding the XMP packet <paramref name="text"/>, compressed or not.</summary>
    public static byte[] XmpText(byte[] text, bool compressed) => [.. "XML:com.adobe.xmp"u8, 0, compressed ? (byte)1 : (byte)0, 0, 0, 0, .. text];

    /// <summary>An XMP packet whose dc:description is <paramref name="description"/>.</summary>
    public static byte[] XmpPacket(string description) => Encoding.UTF8.GetBytes($"""
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li></rdf:Alt></dc:description>
        </rdf:Description></rdf:RDF></x:xmpmeta>
        """);

    /// <summary>An XMP packet that defines an entity ten levels deep, each ten of the one before (a billion "lol"s when expanded).</summary>
    public static byte[] XmpLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 10; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0"?><!DOCTYPE x:xmpmeta [{entities}]>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol10;</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>
            """);
    }

    /// <summary>
    /// A JPEG APP1 Exif segment (marker included) of one IFD with <paramref name="entries"/> entries, each an UNDEFINED
    /// value of the IFD's own size at the IFD itself: a parser that allocates every value allocates entries² × 12 bytes.
    /// </summary>
    public static byte[] OverlappingExifSegment(int entries)
    {
        var tiff = new byte[8 + 2 + (entries * 12) + 4];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries);
        for (var i = 0; i < entries; i++)
        {
            var at = 10 + (i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)(0xC000 + i)); // private tags: stored as they are
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), 7);
            BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at + 4), entries * 12);
            BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at + 8), 8);
        }

        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    /// <summary>A JPEG APP1 XMP segment (marker included) holding <paramref name="packet"/>.</summary>
    public static byte[] XmpSegment(byte[] packet) => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. packet]);

    /// <summary><paramref name="jpeg"/> with <paramref name="segments"/> inserted after its start marker.</summary>
    public static byte[] JpegWith(byte[] jpeg, IEnumerable<byte[]> segments) => [.. jpeg.AsSpan(0, 2), .. segments.SelectMany(s => s), .. jpeg.AsSpan(2)];

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }
}
