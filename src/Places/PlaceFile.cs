using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Retrieval.Errors;

namespace Retrieval.Places;

/// <summary>
/// Reads the places file that tools/places/build-places.py writes. The file is gzip (its CRC guards the bytes) over
/// this little-endian layout, arrays stored column by column:
/// <code>
/// "RPLC" u32 version=2
/// u32 S, then S strings: varint byte length, UTF-8              (every name below is an index into these)
/// u16 C, then C countries: 2 ASCII bytes code, u32 English name, u32 Chinese name, u8 K, u32[K] English aliases
/// u32 R, then u32[R] region names
/// u32 N, then i32[N] latitude·1e5, i32[N] longitude·1e5, u32[N] population, u16[N] country, u16[N] region
///   (0xFFFF none), u32[N] name, i32[N] parent place (-1 none), u32[N+1] start of each place's alternate names,
///   u32 A, u32[A] alternate names
/// u16 cells per degree K, u16 rows (180·K), u16 columns (360·K), then per row: u16 runs, runs of
///   (u16 first column, u16 country or 0xFFFF)
/// "RPLC"
/// </code>
/// Every index is checked here, so a lookup never meets a bad one.
/// </summary>
internal static class PlaceFile
{
    private const uint Version = 2;
    private static ReadOnlySpan<byte> Magic => "RPLC"u8;

    /// <summary>Decompresses and parses a places file's bytes.</summary>
    /// <exception cref="PlaceDataException">The bytes are not a whole places file of this version.</exception>
    public static (PlaceRecords Records, PlaceGrid Grid, CountryRaster Raster) Read(byte[] file, string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlaceDataException(path, "this reader is for little-endian machines");
        }

        byte[] bytes;
        try
        {
            using var unzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
            using var raw = new MemoryStream(file.Length * 3);
            unzip.CopyTo(raw);
            bytes = raw.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new PlaceDataException(path, $"not a gzip file, or a damaged one ({e.Message})", e);
        }

        var reader = new Reader(bytes, path);
        if (!reader.Take(4).SequenceEqual(Magic))
        {
            throw new PlaceDataException(path, "not a places file");
        }

        if (reader.UInt32() is var version and not Version)
        {
            throw new PlaceDataException(path, $"version {version}, this build reads {Version}");
        }

        var strings = new string[reader.UInt32()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = Encoding.UTF8.GetString(reader.Take(reader.VarInt()));
        }

        var countries = new Country[reader.UInt16()];
        for (var i = 0; i < countries.Length; i++)
        {
            var code = Encoding.ASCII.GetString(reader.Take(2));
            var english = reader.Index(strings);
            var chinese = reader.Index(strings);
            var aliases = new string[reader.Take(1)[0]];
            for (var a = 0; a < aliases.Length; a++)
            {
                aliases[a] = reader.Index(strings);
            }

            countries[i] = new Country(code, english, chinese, aliases);
        }

        var regions = Lookup(reader.Array<uint>(reader.Count()), strings, path);
        var count = reader.Count();
        var latitudes = reader.Array<int>(count);
        var longitudes = reader.Array<int>(count);
        var population = reader.Array<uint>(count);
        var countryOf = reader.Array<ushort>(count);
        var regionOf = reader.Array<ushort>(count);
        var names = Lookup(reader.Array<uint>(count), strings, path);
        var parents = reader.Array<int>(count);
        var alternateStart = reader.Array<int>(count + 1);
        var alternates = Lookup(reader.Array<uint>(reader.Count()), strings, path);
        for (var i = 0; i < count; i++)
        {
            if (Math.Abs(latitudes[i]) > 90_00000 || Math.Abs(longitudes[i]) > 180_00000 || countryOf[i] >= countries.Length
                || (regionOf[i] >= regions.Length && regionOf[i] != PlaceRecords.NoRegion) || parents[i] < -1 || parents[i] >= count
                || alternateStart[i] < 0 || alternateStart[i] > alternateStart[i + 1])
            {
                throw new PlaceDataException(path, $"place {i} ({names[i]}) is out of range");
            }
        }

        if (alternateStart[0] != 0 || alternateStart[count] != alternates.Length)
        {
            throw new PlaceDataException(path, "the alternate names do not add up");
        }

        var raster = ReadRaster(ref reader, countries.Length, path);
        if (!reader.Take(4).SequenceEqual(Magic) || !reader.AtEnd)
        {
            throw new PlaceDataException(path, "the file does not end where its contents say");
        }

        var records = new PlaceRecords(names, parents, countryOf, regionOf, population, alternateStart, alternates, regions, countries);
        return (records, new PlaceGrid(latitudes, longitudes), raster);
    }

    private static string[] Lookup(uint[] indices, string[] strings, string path)
    {
        var found = new string[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            found[i] = indices[i] < (uint)strings.Length ? strings[indices[i]] : throw new PlaceDataException(path, $"string {indices[i]} of {strings.Length}");
        }

        return found;
    }

    private static CountryRaster ReadRaster(ref Reader reader, int countryCount, string path)
    {
        int perDegree = reader.UInt16(), rows = reader.UInt16(), columns = reader.UInt16();
        if (perDegree == 0 || rows != 180 * perDegree || columns != 360 * perDegree)
        {
            throw new PlaceDataException(path, $"a raster of {rows} × {columns} cells at {perDegree} per degree");
        }

        var rowStart = new int[rows + 1];
        var runColumns = new List<ushort>();
        var runCountries = new List<ushort>();
        for (var row = 0; row < rows; row++)
        {
            var runs = reader.UInt16();
            for (var r = 0; r < runs; r++)
            {
                var column = reader.UInt16();
                var country = reader.UInt16();
                var previous = r == 0 ? -1 : runColumns[^1];
                if ((r == 0 && column != 0) || (r > 0 && column <= previous) || column >= columns
                    || (country >= countryCount && country != CountryRaster.NoCountry))
                {
                    throw new PlaceDataException(path, $"raster row {row} is malformed");
                }

                runColumns.Add(column);
                runCountries.Add(country);
            }

            if (runs == 0)
            {
                throw new PlaceDataException(path, $"raster row {row} is empty");
            }

            rowStart[row + 1] = runColumns.Count;
        }

        return new CountryRaster(perDegree, rowStart, [.. runColumns], [.. runCountries]);
    }

    /// <summary>Reads forward through the decompressed bytes; running past the end is a damaged file.</summary>
    private ref struct Reader(byte[] bytes, string path)
    {
        private int _position;

        public readonly bool AtEnd => _position == bytes.Length;

        public ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > bytes.Length - _position)
            {
                throw new PlaceDataException(path, "truncated");
            }

            _position += length;
            return bytes.AsSpan(_position - length, length);
        }

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        /// <summary>An element count, bounded by what the file can still hold.</summary>
        public int Count()
        {
            var count = UInt32();
            return count <= (uint)(bytes.Length - _position) ? (int)count : throw new PlaceDataException(path, "truncated");
        }

        public int VarInt()
        {
            var value = 0;
            for (var shift = 0; shift < 32; shift += 7)
            {
                var b = Take(1)[0];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new PlaceDataException(path, "a malformed string length");
        }

        public T[] Array<T>(int count) where T : unmanaged
        {
            return MemoryMarshal.Cast<byte, T>(Take(checked(count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))).ToArray();
        }

        public string Index(string[] strings)
        {
            var index = UInt32();
            return index < (uint)strings.Length ? strings[index] : throw new PlaceDataException(path, $"string {index} of {strings.Length}");
        }
    }
}
