using System.Buffers.Binary;

namespace Retrieval.Metadata;

/// <summary>
/// A guard run over an Exif block (a TIFF structure: byte order, IFDs of 12-byte entries, values in place or at an
/// offset) before MetadataExtractor parses it. A parser allocates each entry's value, and nothing stops a hostile block
/// from pointing thousands of entries at the same 60 KB: a 64 KB JPEG segment can so ask for gigabytes. This walk
/// reads only the entry headers of the IFDs a parser would follow (the chain, Exif, GPS, interoperability and sub-IFDs),
/// at most <see cref="MaxDirectories"/> of them, and sums what their values would cost, so that a block over its
/// budget is not parsed at all. Tags whose values are structures of their own that we never read (maker notes, ICC profiles,
/// Photoshop resources, PrintIM) are renamed in place to a private tag, so the parser keeps them as plain bytes,
/// already counted, instead of parsing them — they could hold the same trick again.
/// </summary>
public static class ExifBlock
{
    /// <summary>The most IFDs followed in one block (a camera writes four to six).</summary>
    public const int MaxDirectories = 32;

    /// <summary>The most entries one IFD may hold (a camera writes a few dozen).</summary>
    public const int MaxEntries = 2048;

    private const ushort PrivateTag = 0xFEFE;

    // IFD pointers a parser follows.
    private const ushort SubIfds = 0x014A;
    private const ushort ExifIfd = 0x8769;
    private const ushort GpsIfd = 0x8825;
    private const ushort InteropIfd = 0xA005;

    // Opaque structures a parser would parse further: maker note, ICC profile, Photoshop resources, PrintIM.
    private static ReadOnlySpan<ushort> Opaque => [0x927C, 0x8773, 0x8649, 0xC4A5];

    /// <summary>
    /// What parsing the TIFF structure in <paramref name="block"/> would allocate for its values, in bytes;
    /// <see cref="long.MaxValue"/> for a block that is not TIFF or breaks the limits. Opaque tags are renamed in
    /// <paramref name="block"/> as it is walked.
    /// </summary>
    public static long Cost(Span<byte> block)
    {
        var motorola = block.Length >= 8 && block[0] == (byte)'M' && block[1] == (byte)'M';
        if (block.Length < 8 || (!motorola && !(block[0] == (byte)'I' && block[1] == (byte)'I')))
        {
            return long.MaxValue;
        }

        var reader = new Reader(block, motorola);
        var pending = new Stack<long>();
        var seen = new HashSet<long>();
        pending.Push(reader.UInt32(4));
        var cost = 0L;
        while (pending.TryPop(out var offset))
        {
            if (offset == 0 || !seen.Add(offset))
            {
                continue;
            }

            if (seen.Count > MaxDirectories || !Directory(reader, offset, pending, ref cost))
            {
                return long.MaxValue;
            }
        }

        return cost;
    }

    /// <summary>Adds one IFD's value sizes to <paramref name="cost"/> and its pointers to <paramref name="pending"/>; false when it is malformed.</summary>
    private static bool Directory(Reader reader, long offset, Stack<long> pending, ref long cost)
    {
        if (offset + 2 > reader.Length)
        {
            return true; // a pointer past the end: the parser reports and skips it
        }

        var count = reader.UInt16(offset);
        if (count > MaxEntries)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = offset + 2 + (i * 12L);
            if (entry + 12 > reader.Length)
            {
                return true; // truncated: the parser stops here too
            }

            var tag = reader.UInt16(entry);
            var values = reader.UInt32(entry + 4);
            var size = (long)ComponentBytes(reader.UInt16(entry + 2)) * values;
            cost += size > 4 ? size : 0;
            cost += 12;
            if (tag == SubIfds && values > 1)
            {
                // Several sub-IFDs (a raw file's full image and previews): the entry points at their offsets.
                var list = reader.UInt32(entry + 8);
                for (var k = 0L; k < Math.Min(values, MaxDirectories) && list + (k * 4) + 4 <= reader.Length; k++)
                {
                    pending.Push(reader.UInt32(list + (k * 4)));
                }
            }
            else if (tag is SubIfds or ExifIfd or GpsIfd or InteropIfd)
            {
                pending.Push(reader.UInt32(entry + 8));
            }
            else if (Opaque.Contains(tag))
            {
                reader.Rename(entry, PrivateTag);
            }
        }

        pending.Push(offset + 2 + (count * 12L) + 4 <= reader.Length ? reader.UInt32(offset + 2 + (count * 12L)) : 0);
        return true;
    }

    /// <summary>The size of one value of a TIFF type (1 for the unknown, as a parser would at least read bytes).</summary>
    private static int ComponentBytes(ushort type) => type switch
    {
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 => 8,
        _ => 1,
    };

    private readonly ref struct Reader(Span<byte> block, bool motorola)
    {
        private readonly Span<byte> _block = block;

        public long Length => _block.Length;

        public ushort UInt16(long at) => motorola
            ? BinaryPrimitives.ReadUInt16BigEndian(_block[(int)at..])
            : BinaryPrimitives.ReadUInt16LittleEndian(_block[(int)at..]);

        public uint UInt32(long at) => motorola
            ? BinaryPrimitives.ReadUInt32BigEndian(_block[(int)at..])
            : BinaryPrimitives.ReadUInt32LittleEndian(_block[(int)at..]);

        public void Rename(long entry, ushort tag)
        {
            if (motorola)
            {
                BinaryPrimitives.WriteUInt16BigEndian(_block[(int)entry..], tag);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(_block[(int)entry..], tag);
            }
        }
    }
}
