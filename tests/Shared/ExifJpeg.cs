using System.Buffers.Binary;

namespace Retrieval.Testing;

/// <summary>
/// EXIF edits on real JPEGs without re-encoding them: rewrite the Orientation tag in place (the JPEG must
/// carry it, as the reference JPEGs of tools/make_scaled_decode_refs.py do), or add a segment with the date
/// taken, the camera and a GPS position (to a JPEG without EXIF).
/// </summary>
internal static class ExifJpeg
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>
    /// The JPEG with an EXIF segment holding Make, Model and DateTimeOriginal, and with <paramref name="position"/> a GPS
    /// latitude and longitude, inserted after SOI.
    /// </summary>
    public static byte[] WithDateAndCamera(byte[] jpeg, DateTime taken, string make, string model, (double Latitude, double Longitude)? position = null)
    {
        // Little-endian TIFF: IFD0 (Make, Model, ExifIFD pointer, GPS IFD pointer), the Exif IFD (DateTimeOriginal), the GPS IFD
        // (each coordinate's N/S or E/W and its degrees, minutes, seconds as three rationals), then the values.
        var blobs = new List<byte[]> { Ascii(make), Ascii(model), Ascii(taken.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) };
        if (position is { } at)
        {
            blobs.Add(Degrees(at.Latitude));
            blobs.Add(Degrees(at.Longitude));
        }

        var ifd0Entries = position is null ? 3 : 4;
        const int ifd0 = 8, exifSize = 2 + 12 + 4;
        var exifIfd = ifd0 + 2 + (ifd0Entries * 12) + 4;
        var gpsIfd = exifIfd + exifSize;
        var data = gpsIfd + (position is null ? 0 : 2 + (4 * 12) + 4);
        var tiff = new byte[data + blobs.Sum(b => b.Length)];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(4), ifd0);
        var offset = data;
        var entry = Entries(tiff, ifd0, ifd0Entries);
        entry = Entry(tiff, entry, 0x010F, 2, blobs[0].Length, ref offset, blobs[0]);
        entry = Entry(tiff, entry, 0x0110, 2, blobs[1].Length, ref offset, blobs[1]);
        Entry(tiff, entry, 0x8769, 4, 1, exifIfd);
        Entry(tiff, Entries(tiff, exifIfd, 1), 0x9003, 2, blobs[2].Length, ref offset, blobs[2]);
        if (position is { } placed)
        {
            Entry(tiff, entry + 12, 0x8825, 4, 1, gpsIfd);
            // An ASCII value of up to 4 bytes ("N\0") sits in the entry itself.
            entry = Entries(tiff, gpsIfd, 4);
            Entry(tiff, entry, 0x0001, 2, 2, placed.Latitude < 0 ? 'S' : 'N');
            entry = Entry(tiff, entry + 12, 0x0002, 5, 3, ref offset, blobs[3]);
            Entry(tiff, entry, 0x0003, 2, 2, placed.Longitude < 0 ? 'W' : 'E');
            Entry(tiff, entry + 12, 0x0004, 5, 3, ref offset, blobs[4]);
        }

        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>An angle's size as EXIF GPS writes it: degrees, minutes and seconds (to a thousandth), three unsigned rationals.</summary>
    private static byte[] Degrees(double angle)
    {
        var thousandths = (long)Math.Round(Math.Abs(angle) * 3_600_000);
        var parts = new[] { (thousandths / 3_600_000, 1), (thousandths / 60_000 % 60, 1), (thousandths % 60_000, 1000) };
        var bytes = new byte[24];
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 8), (uint)parts[i].Item1);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((i * 8) + 4), (uint)parts[i].Item2);
        }

        return bytes;
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
