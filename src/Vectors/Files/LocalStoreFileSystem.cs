using Microsoft.Win32.SafeHandles;

namespace Retrieval.Vectors.Files;

/// <summary>The store's file operations on the local file system.</summary>
internal sealed class LocalStoreFileSystem : IStoreFileSystem
{
    public static LocalStoreFileSystem Instance { get; } = new();

    public SafeFileHandle OpenColumn(string path, ColumnAccess access) => access switch
    {
        ColumnAccess.Create => File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete),
        ColumnAccess.Write => File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete),
        // Readers share the files with the writer, which grows them and deletes them after a compaction.
        _ => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
    };

    public long GetLength(SafeFileHandle file) => RandomAccess.GetLength(file);

    public void SetLength(SafeFileHandle file, long length) => RandomAccess.SetLength(file, length);

    public MappedColumn Map(SafeFileHandle file, long length) => MappedColumn.Create(file, length);

    public ValueTask WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> bytes, long offset, CancellationToken cancellationToken) =>
        RandomAccess.WriteAsync(file, bytes, offset, cancellationToken);

    public void Flush(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public int ReadPrefix(string path, Span<byte> buffer)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return RandomAccess.Read(file, buffer, 0);
    }

    public void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    public void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void FlushDirectory(string directory) => DirectorySync.Flush(directory);

    public void Delete(string path) => File.Delete(path);

    public bool Exists(string path) => File.Exists(path);

    public IEnumerable<string> EnumerateFiles(string directory) => Directory.EnumerateFiles(directory);
}
