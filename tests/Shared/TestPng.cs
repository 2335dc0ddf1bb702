using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Retrieval.Testing;

/// <summary>PNG files made byte by byte, for the decoder's refusals: a header that declares any canvas, with as much or as little data as asked.</summary>
internal static class TestPng
{
    /// <summary>A PNG declaring <paramref name="width"/> x <paramref name="height"/> RGB pixels, with almost no data.</summary>
    public static byte[] DeclaringOnly(int width, int height) => Build(width, height, colourType: 2, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);

    /// <summary>A complete PNG of <paramref name="width"/> x <paramref name="height"/> grey pixels, all zero: a few hundred KB that decode to width x height x 4 bytes.</summary>
    public static byte[] AllZero(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1]; // the filter byte and the row
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return Build(width, height, colourType: 0, compressed.ToArray());
    }

    /// <summary><paramref name="png"/> with <paramref name="chunks"/> inserted after its header chunk (IHDR), in order.</summary>
    public static byte[] WithChunks(byte[] png, params (string Type, byte[] Data)[] chunks)
    {
        const int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, then IHDR: length, type, 13 bytes, CRC
        using var result = new MemoryStream();
        result.Write(png.AsSpan(0, afterHeader));
        foreach (var (type, data) in chunks)
        {
            Chunk(result, type, data);
        }

        result.Write(png.AsSpan(afterHeader));
        return result.ToArray();
    }

    private static byte[] Build(int width, int height, byte colourType, byte[] data)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = colourType;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", data);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var body = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(body));
        png.Write(number);
    }
}
