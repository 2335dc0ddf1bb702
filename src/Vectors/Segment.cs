using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using Retrieval.Errors;
using Retrieval.Vectors.Files;

namespace Retrieval.Vectors;

/// <summary>
/// One segment's four column files — float32 vectors, int8 copies, int8 scales, caller ids — each a
/// fixed-size slot array, written with positional writes and read through one memory map per file. A writer
/// grows the files in doubling steps ahead of the committed slots; what lies past the manifest's count is
/// garbage by definition. A remap builds all four new maps before it drops the old ones, so a failure leaves
/// the previous maps in place, never a null pointer. Not thread-safe for writes; readers hold the store's
/// map lock across pointer use.
/// </summary>
internal sealed class Segment : IDisposable
{
    private const int Columns = 4;
    private const long MinimumCapacity = 1024;

    private readonly IStoreFileSystem _files;
    private readonly SafeFileHandle?[] _handles = new SafeFileHandle?[Columns];
    private readonly int[] _slotBytes;
    private readonly bool _readOnly;
    private MappedColumn[] _columns = [];

    private Segment(IStoreFileSystem files, string directory, long number, int dimension, bool readOnly)
    {
        _files = files;
        Directory = directory;
        Number = number;
        Dimension = dimension;
        _readOnly = readOnly;
        _slotBytes = [dimension * sizeof(float), dimension, sizeof(float), sizeof(long)];
    }

    public string Directory { get; }

    public long Number { get; }

    public int Dimension { get; }

    /// <summary>Slots the mapped files can hold.</summary>
    public long Capacity { get; private set; }

    public unsafe float* Floats => (float*)_columns[0].Pointer;

    public unsafe sbyte* Int8 => (sbyte*)_columns[1].Pointer;

    public unsafe float* Scales => (float*)_columns[2].Pointer;

    public unsafe long* Ids => (long*)_columns[3].Pointer;

    /// <summary>
    /// Opens the column files, which must hold at least <paramref name="committed"/> slots. A writer
    /// (<see cref="ColumnAccess.Create"/> or <see cref="ColumnAccess.Write"/>) maps ahead of them; a reader maps
    /// what the files hold and never changes them.
    /// </summary>
    public static Segment Open(IStoreFileSystem files, string directory, long number, int dimension, long committed, ColumnAccess access)
    {
        var segment = new Segment(files, directory, number, dimension, access == ColumnAccess.Read);
        try
        {
            var slots = segment.OpenColumns(access, committed);
            segment.Map(segment._readOnly ? slots : Math.Max(slots, MinimumCapacity));
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

    /// <summary>A reader's remap after the writer grew the files: maps what they hold now, which must cover <paramref name="committed"/>.</summary>
    public void Cover(long committed)
    {
        if (committed > Capacity)
        {
            Map(SlotsInFiles(committed));
        }
    }

    /// <summary>Writes the batch's slots from <paramref name="firstSlot"/> on (not yet durable: see <see cref="Flush"/>).</summary>
    public async Task WriteAsync(long firstSlot, SlotBatch batch, CancellationToken cancellationToken)
    {
        for (var column = 0; column < Columns; column++)
        {
            await _files.WriteAsync(Handle(column), batch.ColumnBytes(column), firstSlot * _slotBytes[column], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes every write so far durable.</summary>
    public void Flush()
    {
        for (var column = 0; column < Columns; column++)
        {
            _files.Flush(Handle(column));
        }
    }

    /// <summary>The chunk record of slots [<paramref name="firstSlot"/>, +<paramref name="count"/>): XxHash64 of each column's bytes, read through the maps.</summary>
    public StoreChunk Hash(long firstSlot, long count) =>
        new(firstSlot, count, HashColumn(0, firstSlot, count), HashColumn(1, firstSlot, count), HashColumn(2, firstSlot, count), HashColumn(3, firstSlot, count));

    /// <summary>The file of column <paramref name="column"/>, for error messages.</summary>
    public string ColumnPath(int column) => StoreFileNames.Column(Directory, Number, column);

    public unsafe ReadOnlySpan<float> Vector(long slot) => new(Floats + (slot * Dimension), Dimension);

    public unsafe ReadOnlySpan<sbyte> QuantizedVector(long slot) => new(Int8 + (slot * Dimension), Dimension);

    /// <summary>Deletes a segment's files (after a compaction has switched away from it, or a failed one).</summary>
    public static void DeleteFiles(IStoreFileSystem files, string directory, long number)
    {
        for (var column = 0; column < Columns; column++)
        {
            files.Delete(StoreFileNames.Column(directory, number, column));
        }
    }

    public void Dispose()
    {
        var columns = _columns;
        _columns = [];
        Capacity = 0;
        foreach (var column in columns)
        {
            column.Dispose();
        }

        foreach (var handle in _handles)
        {
            handle?.Dispose();
        }
    }

    /// <summary>Opens the four files; returns the slots all of them hold.</summary>
    private long OpenColumns(ColumnAccess access, long committed)
    {
        for (var column = 0; column < Columns; column++)
        {
            var path = ColumnPath(column);
            if (access != ColumnAccess.Create && !_files.Exists(path))
            {
                throw new CorruptStoreException(path, "the file is missing");
            }

            _handles[column] = _files.OpenColumn(path, access);
        }

        return SlotsInFiles(committed);
    }

    private long SlotsInFiles(long committed)
    {
        var capacity = long.MaxValue;
        for (var column = 0; column < Columns; column++)
        {
            var slots = _files.GetLength(Handle(column)) / _slotBytes[column];
            if (slots < committed)
            {
                throw new CorruptStoreException(ColumnPath(column), $"holds {slots} slots but the manifest commits {committed}");
            }

            capacity = Math.Min(capacity, slots);
        }

        return capacity;
    }

    private SafeFileHandle Handle(int column) => _handles[column] ?? throw new ObjectDisposedException(nameof(Segment));

    /// <summary>The bytes one slot takes in column <paramref name="column"/>.</summary>
    public int SlotBytes(int column) => _slotBytes[column];

    /// <summary>XxHash64 of column <paramref name="column"/>'s bytes of slots [<paramref name="firstSlot"/>, +<paramref name="count"/>), read through its map.</summary>
    public unsafe ulong HashColumn(int column, long firstSlot, long count)
    {
        var hash = new XxHash64();
        var start = _columns[column].Pointer + (firstSlot * _slotBytes[column]);
        var remaining = count * _slotBytes[column];
        // Spans are int-sized; hash large runs in pieces.
        for (long offset = 0; offset < remaining; offset += int.MaxValue / 2)
        {
            hash.Append(new ReadOnlySpan<byte>(start + offset, (int)Math.Min(int.MaxValue / 2, remaining - offset)));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>Maps <paramref name="capacity"/> slots of every column (a writer grows the files first); all or nothing.</summary>
    private void Map(long capacity)
    {
        if (capacity == 0)
        {
            return; // an empty reader's files: nothing to map, and no slot is ever read
        }

        var mapped = new MappedColumn[Columns];
        try
        {
            for (var column = 0; column < Columns; column++)
            {
                var length = capacity * _slotBytes[column];
                if (!_readOnly && _files.GetLength(Handle(column)) < length)
                {
                    _files.SetLength(Handle(column), length);
                }

                mapped[column] = _files.Map(Handle(column), length);
            }
        }
        catch
        {
            foreach (var column in mapped)
            {
                column?.Dispose();
            }

            throw;
        }

        var old = _columns;
        _columns = mapped;
        Capacity = capacity;
        foreach (var column in old)
        {
            column.Dispose();
        }
    }
}
