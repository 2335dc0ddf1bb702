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

    public static MappedColumn Create(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        var map = MemoryMappedFile.CreateFromFile(file, null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
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
