using System.IO.MemoryMappedFiles;

namespace Retrieval.Vectors.Files;

/// <summary>A read-only memory map of the start of one column file; the pointer is valid until disposal.</summary>
internal sealed unsafe class MappedColumn : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private int _disposed;

    private MappedColumn(MemoryMappedFile map, MemoryMappedViewAccessor view, byte* pointer, long length)
    {
        _map = map;
        _view = view;
        Pointer = pointer;
        Length = length;
    }

    public byte* Pointer { get; }

    public long Length { get; }

    /// <summary>Maps <paramref name="length"/> bytes, which the file must hold (a writer grows it first).</summary>
    public static MappedColumn Create(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        // Capacity 0 is the file's current size: a map may not be smaller than its file, and columns differ
        // in length after an interrupted growth or while a writer grows them under a reader. The view is
        // what is used.
        var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        try
        {
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new MappedColumn(map, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map.Dispose();
        }
    }
}
