using System.Buffers.Binary;

namespace Retrieval.Imaging;

/// <summary>
/// Whether a HEIF file (HEIC, AVIF) turns or mirrors its image itself (<c>irot</c>, <c>imir</c> properties, which libheif
/// applies): then its EXIF orientation repeats them and must not be applied again, as HEIF asks. A file without them —
/// written by a converter that kept the camera's EXIF orientation only — is shown upright by applying that, as viewers do.
/// Only the top-level boxes are walked to the <c>meta</c> box, whose properties are looked through for those two.
/// </summary>
internal static class HeifTransforms
{
    /// <summary>Whether <paramref name="file"/>'s <c>meta</c> box holds an <c>irot</c> or <c>imir</c> property.</summary>
    public static bool Present(ReadOnlySpan<byte> file)
    {
        var at = 0L;
        while (at + 8 <= file.Length)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(file[(int)at..]);
            var header = 8;
            if (size == 1 && at + 16 <= file.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file[(int)(at + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = file.Length - at;
            }

            if (size < header || at + size > file.Length)
            {
                return false;
            }

            if (file.Slice((int)at + 4, 4).SequenceEqual("meta"u8))
            {
                var meta = file.Slice((int)at + header, (int)size - header);
                return meta.IndexOf("irot"u8) >= 4 || meta.IndexOf("imir"u8) >= 4;
            }

            at += size;
        }

        return false;
    }
}
