using System.Buffers.Binary;

namespace Retrieval.Testing;

/// <summary>
/// EXIF edits on real JPEGs without re-encoding them: rewrite the Orientation tag in place (the JPEG must
/// carry it, as the reference JPEGs of tools/make_scaled_decode_refs.py do), or add a segment with the date
/// taken and the camera (to a JPEG without EXIF).
/// </summary>
internal static class ExifJpeg
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>The JPEG with an EXIF segment holding Make, Model and DateTimeOriginal, inserted after SOI.</summary>
    public static byte[] WithDateAndCamera(byte[] jpeg, DateTime taken, string make, string model)
    {
        // Little-endian TIFF: IFD0 (Make, Model, ExifIFD pointer), then the Exif IFD (DateTimeOriginal), then the strings.
        var strings = new List<byte[]> { Ascii(make), Ascii(model), Ascii(taken.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) };
        const int ifd0 = 8, ifd0Size = 2 + (3 * 12) + 4, exifIfd = ifd0 + ifd0Size, exifSize = 2 + 12 + 4, data = exifIfd + exifSize;
        var tiff = new byte[data + strings.Sum(b => b.Length)];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(4), ifd0);
        var offset = data;
        var at = Entries(tiff, ifd0, 3);
        at = Entry(tiff, at, 0x010F, 2, strings[0].Length, ref offset, strings[0]);
        at = Entry(tiff, at, 0x0110, 2, strings[1].Length, ref offset, strings[1]);
        Entry(tiff, at, 0x8769, 4, 1, exifIfd);
        at = Entries(tiff, exifIfd, 1);
        Entry(tiff, at, 0x9003, 2, strings[2].Length, ref offset, strings[2]);

        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static byte[] Ascii(string text) => [.. System.Text.Encoding.ASCII.GetBytes(text), 0];

    /// <summary>Writes an IFD's entry count (and a zero next-IFD link after its entries); returns where the first entry goes.</summary>
    private static int Entries(byte[] tiff, int ifd, int count)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(ifd), (ushort)count);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(ifd + 2 + (count * 12)), 0);
        return ifd + 2;
    }

    private static int Entry(byte[] tiff, int at, ushort tag, ushort type, int count, ref int offset, byte[] value)
    {
        value.CopyTo(tiff, offset);
        Entry(tiff, at, tag, type, count, offset);
        offset += value.Length;
        return at + 12;
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, int count, int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at + 8), value);
    }

    public static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orientation, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orientation, 8);
        var copy = (byte[])jpeg.Clone();
        var at = 2; // after SOI
        while (at + 4 <= copy.Length && copy[at] == 0xFF)
        {
            var marker = copy[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(at + 2));
            if (marker == 0xE1 && copy.AsSpan(at + 4).StartsWith("Exif\0\0"u8))
            {
                SetOrientation(copy.AsSpan(at + 10, length - 8), orientation);
                return copy;
            }

            at += 2 + length;
        }

        throw new InvalidDataException("the JPEG has no EXIF segment");
    }

    private static void SetOrientation(Span<byte> tiff, int orientation)
    {
        var little = tiff[0] == (byte)'I';
        var ifd = little ? BinaryPrimitives.ReadInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadInt32BigEndian(tiff[4..]);
        var entries = U16(tiff, ifd, little);
        for (var i = 0; i < entries; i++)
        {
            var entry = ifd + 2 + (i * 12);
            if (U16(tiff, entry, little) == OrientationTag)
            {
                // A SHORT value sits left-aligned in the entry's 4-byte value field.
                if (little)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(tiff[(entry + 8)..], (ushort)orientation);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16BigEndian(tiff[(entry + 8)..], (ushort)orientation);
                }

                return;
            }
        }

        throw new InvalidDataException("the EXIF data has no Orientation tag");
    }

    private static ushort U16(ReadOnlySpan<byte> tiff, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff[offset..]) : BinaryPrimitives.ReadUInt16BigEndian(tiff[offset..]);
}
