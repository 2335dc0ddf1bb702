using Microsoft.Win32.SafeHandles;

namespace Retrieval.Vectors.Files;

/// <summary>
/// Every file operation a store performs, behind one seam (as Garnet puts storage behind <c>IDevice</c>), so
/// tests can make any single step of a commit or a compaction fail and check what the store believes after.
/// </summary>
internal interface IStoreFileSystem
{
    /// <summary>Opens a column file: created when missing under <see cref="ColumnAccess.Create"/>, never written under <see cref="ColumnAccess.Read"/>.</summary>
    SafeFileHandle OpenColumn(string path, ColumnAccess access);

    long GetLength(SafeFileHandle file);

    void SetLength(SafeFileHandle file, long length);

    /// <summary>Maps the first <paramref name="length"/> bytes of <paramref name="file"/> read-only.</summary>
    MappedColumn Map(SafeFileHandle file, long length);

    ValueTask WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> bytes, long offset, CancellationToken cancellationToken);

    void Flush(SafeFileHandle file);

    byte[] ReadAllBytes(string path);

    /// <summary>Reads up to <c>buffer.Length</c> bytes from the start of <paramref name="path"/>; returns how many.</summary>
    int ReadPrefix(string path, Span<byte> buffer);

    /// <summary>Creates or overwrites <paramref name="path"/> with <paramref name="bytes"/> and flushes it to disk.</summary>
    void WriteDurably(string path, ReadOnlySpan<byte> bytes);

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> atomically.</summary>
    void Replace(string source, string destination);

    /// <summary>Makes the folder's entries (a rename, a new file) durable.</summary>
    void FlushDirectory(string directory);

    void Delete(string path);

    bool Exists(string path);

    IEnumerable<string> EnumerateFiles(string directory);
}
