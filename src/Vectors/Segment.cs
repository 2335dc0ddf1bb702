using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;
using Retrieval.Errors;

namespace Retrieval.Vectors;

/// <summary>
/// One segment's four column files — float32 vectors, int8 copies, int8 scales, caller ids — each a
/// fixed-size slot array, written with positional writes and read through one memory map per file. Files
/// grow in doubling steps ahead of the committed slots; what lies past the manifest's count is garbage by
/// definition. Not thread-safe for writes; readers must hold the store's map lock across pointer use.
/// </summary>
internal sealed class Segment : IDisposable
{
    private const int Columns = 4;
    private const long MinimumCapacity = 1024;

    private readonly SafeFileHandle[] _files = new SafeFileHandle[Columns];
    private readonly MemoryMappedFile?[] _maps = new MemoryMappedFile?[Columns];
    private readonly MemoryMappedViewAccessor?[] _views = new MemoryMappedViewAccessor?[Columns];
    private readonly unsafe byte*[] _pointers = new byte*[Columns];
    private readonly int[] _slotBytes;

    private Segment(string directory, long number, int dimension)
    {
        Directory = directory;
        Number = number;
        Dimension = dimension;
        _slotBytes = [dimension * sizeof(float), dimension, sizeof(float), sizeof(long)];
    }

    public string Directory { get; }

    public long Number { get; }

    public int Dimension { get; }

    /// <summary>Slots the mapped files can hold.</summary>
    public long Capacity { get; private set; }

    public unsafe float* Floats => (float*)_pointers[0];

    public unsafe sbyte* Int8 => (sbyte*)_pointers[1];

    public unsafe float* Scales => (float*)_pointers[2];

    public unsafe long* Ids => (long*)_pointers[3];

    /// <summary>Opens (creating when <paramref name="create"/>) the column files, which must hold at least <paramref name="committed"/> slots.</summary>
    public static Segment Open(string directory, long number, int dimension, long committed, bool create)
    {
        var segment = new Segment(directory, number, dimension);
        try
        {
            var capacity = long.MaxValue;
            for (var column = 0; column < Columns; column++)
            {
                var path = StoreFileNames.Column(directory, number, column);
                if (!create && !File.Exists(path))
                {
                    throw new CorruptStoreException(path, "the file is missing");
                }

                segment._files[column] = File.OpenHandle(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                var slots = RandomAccess.GetLength(segment._files[column]) / segment._slotBytes[column];
                if (slots < committed)
                {
                    throw new CorruptStoreException(path, $"holds {slots} slots but the manifest commits {committed}");
                }

                capacity = Math.Min(capacity, slots);
            }

            segment.Map(Math.Max(capacity, MinimumCapacity));
            return segment;
        }
        catch
        {
            segment.Dispose();
            throw;
        }
    }

    /// <summary>Grows the files (doubling) so <paramref name="slots"/> fit; the caller holds the map lock for writing.</summary>
    public void EnsureCapacity(long slots)
    {
        if (slots > Capacity)
        {
            Map(Math.Max(slots, Capacity * 2));
        }
    }

    /// <summary>Writes the batch's slots from <paramref name="firstSlot"/> on (not yet durable: see <see cref="Flush"/>).</summary>
    public async Task WriteAsync(long firstSlot, SlotBatch batch, CancellationToken cancellationToken)
    {
        for (var column = 0; column < Columns; column++)
        {
            await RandomAccess.WriteAsync(_files[column], batch.ColumnBytes(column), firstSlot * _slotBytes[column], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes every write so far durable.</summary>
    public void Flush()
    {
        foreach (var file in _files)
        {
            RandomAccess.FlushToDisk(file);
        }
    }

    /// <summary>The chunk record of slots [<paramref name="firstSlot"/>, +<paramref name="count"/>): XxHash64 of each column's bytes, read through the maps.</summary>
    public StoreChunk Hash(long firstSlot, long count) =>
        new(firstSlot, count, HashColumn(0, firstSlot, count), HashColumn(1, firstSlot, count), HashColumn(2, firstSlot, count), HashColumn(3, firstSlot, count));

    /// <summary>The file of column <paramref name="column"/>, for error messages.</summary>
    public string ColumnPath(int column) => StoreFileNames.Column(Directory, Number, column);

    private unsafe ulong HashColumn(int column, long firstSlot, long count)
    {
        var hash = new XxHash64();
        var start = _pointers[column] + (firstSlot * _slotBytes[column]);
        var remaining = count * _slotBytes[column];
        // Spans are int-sized; hash large runs in pieces.
        for (long offset = 0; offset < remaining; offset += int.MaxValue / 2)
        {
            hash.Append(new ReadOnlySpan<byte>(start + offset, (int)Math.Min(int.MaxValue / 2, remaining - offset)));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    public unsafe ReadOnlySpan<float> Vector(long slot) => new(Floats + (slot * Dimension), Dimension);

    public unsafe ReadOnlySpan<sbyte> QuantizedVector(long slot) => new(Int8 + (slot * Dimension), Dimension);

    /// <summary>Deletes this segment's files (after a compaction has switched away from it).</summary>
    public static void DeleteFiles(string directory, long number)
    {
        for (var column = 0; column < Columns; column++)
        {
            File.Delete(StoreFileNames.Column(directory, number, column));
        }
    }

    public void Dispose()
    {
        Unmap();
        foreach (var file in _files)
        {
            file?.Dispose();
        }
    }

    private unsafe void Map(long capacity)
    {
        Unmap();
        for (var column = 0; column < Columns; column++)
        {
            var length = capacity * _slotBytes[column];
            if (RandomAccess.GetLength(_files[column]) < length)
            {
                RandomAccess.SetLength(_files[column], length);
            }

            var map = MemoryMappedFile.CreateFromFile(_files[column], null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            _maps[column] = map;
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            _views[column] = view;
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _pointers[column] = pointer + view.PointerOffset;
        }

        Capacity = capacity;
    }

    private unsafe void Unmap()
    {
        for (var column = 0; column < Columns; column++)
        {
            if (_views[column] is { } view)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
                _views[column] = null;
            }

            _maps[column]?.Dispose();
            _maps[column] = null;
            _pointers[column] = null;
        }
    }
}
