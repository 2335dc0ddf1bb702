using System.Buffers.Binary;

namespace Retrieval.Testing;

/// <summary>
/// Rewrites the EXIF Orientation tag of a JPEG in place, leaving every other byte as it is: the same pixels
/// stored with another orientation, without re-encoding. The JPEG must already carry the tag (IFD0, tag
/// 0x0112), as the reference JPEGs written by tools/make_scaled_decode_refs.py do.
/// </summary>
internal static class ExifJpeg
{
    private const ushort OrientationTag = 0x0112;

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
