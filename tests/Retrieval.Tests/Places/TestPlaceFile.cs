using System.IO.Compression;
using System.Text;

namespace Retrieval.Tests.Places;

/// <summary>
/// Writes a places file in the layout tools/places/build-places.py writes (see src/Places/PlaceFile.cs): places of one
/// test country "TC" in one region, and a raster of one cell per degree with the land the test marks.
/// </summary>
internal sealed class TestPlaceFile
{
    private readonly List<(string Name, double Latitude, double Longitude, int Parent, string[] Alternates)> _places = [];
    private readonly bool[,] _land = new bool[180, 360];

    public TestPlaceFile Add(string name, double latitude, double longitude, int parent = -1, string[]? alternates = null)
    {
        _places.Add((name, latitude, longitude, parent, alternates ?? []));
        return this;
    }

    /// <summary>Marks the whole-degree cells from south to north and west to east (exclusive) as the test country's land.</summary>
    public TestPlaceFile Land(int south, int north, int west, int east)
    {
        for (var row = south + 90; row < north + 90; row++)
        {
            for (var column = west + 180; column < east + 180; column++)
            {
                _land[row, column] = true;
            }
        }

        return this;
    }

    /// <summary>The uncompressed bytes.</summary>
    public byte[] Raw()
    {
        var strings = new List<string> { "Test Country", "测试国", "Test Region" };
        strings.AddRange(_places.Select(p => p.Name));
        var alternateBase = strings.Count;
        strings.AddRange(_places.SelectMany(p => p.Alternates));

        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RPLC"u8);
        w.Write(2u);
        w.Write((uint)strings.Count);
        foreach (var s in strings)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            w.Write7BitEncodedInt(bytes.Length);
            w.Write(bytes);
        }

        w.Write((ushort)1);
        w.Write("TC"u8);
        w.Write(0u);
        w.Write(1u);
        w.Write((byte)0); // no aliases
        w.Write(1u);
        w.Write(2u);
        w.Write((uint)_places.Count);
        _places.ForEach(p => w.Write((int)Math.Round(p.Latitude * 1e5)));
        _places.ForEach(p => w.Write((int)Math.Round(p.Longitude * 1e5)));
        _places.ForEach(_ => w.Write(1000u));
        _places.ForEach(_ => w.Write((ushort)0));
        _places.ForEach(_ => w.Write((ushort)0));
        for (var i = 0; i < _places.Count; i++)
        {
            w.Write((uint)(3 + i));
        }

        _places.ForEach(p => w.Write(p.Parent));
        var start = 0;
        w.Write(0u);
        foreach (var p in _places)
        {
            start += p.Alternates.Length;
            w.Write((uint)start);
        }

        w.Write((uint)start);
        for (var i = 0; i < start; i++)
        {
            w.Write((uint)(alternateBase + i));
        }

        w.Write((ushort)1);
        w.Write((ushort)180);
        w.Write((ushort)360);
        for (var row = 0; row < 180; row++)
        {
            var runs = new List<(ushort Column, ushort Country)>();
            for (var column = 0; column < 360; column++)
            {
                var value = _land[row, column] ? (ushort)0 : (ushort)0xFFFF;
                if (column == 0 || runs[^1].Country != value)
                {
                    runs.Add(((ushort)column, value));
                }
            }

            w.Write((ushort)runs.Count);
            runs.ForEach(r => { w.Write(r.Column); w.Write(r.Country); });
        }

        w.Write("RPLC"u8);
        w.Flush();
        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var stream = new MemoryStream();
        using (var zip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(raw);
        }

        return stream.ToArray();
    }
}
