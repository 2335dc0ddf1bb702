using System.Buffers;
using Retrieval.Errors;

namespace Retrieval.Imaging;

/// <summary>
/// A whole image file read into pooled memory, for the decoder and the metadata reader to share. Never a
/// memory map: a file that another process truncates while it is read (a sync client, a camera card) would
/// fault a mapping process with SIGBUS; read this way, it simply ends early and decodes as truncated.
/// Dispose it to return the buffer.
/// </summary>
public sealed class EncodedFile : IDisposable
{
    private byte[]? _buffer;

    private EncodedFile(string path, byte[] buffer, int length)
    {
        Path = path;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>How many bytes were read.</summary>
    public int Length { get; }

    /// <summary>The bytes, valid until disposal.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>The bytes, valid until disposal.</summary>
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(EncodedFile));

    /// <summary>Reads <paramref name="path"/>, refusing files above <paramref name="maxBytes"/> before reading them.</summary>
    /// <exception cref="UnsupportedImageException">The file is missing, unreadable, empty or too large; the message names it.</exception>
    public static EncodedFile Read(string path, long maxBytes) => Read(path, maxBytes, () => Storage.ReadOnlyFile.Open(path));

    /// <summary>
    /// Reads <paramref name="path"/> when the file actually opened lies inside <paramref name="root"/>
    /// (<see cref="Storage.ContainedFile"/>), refusing files above <paramref name="maxBytes"/> before reading them.
    /// </summary>
    /// <exception cref="UnsupportedImageException">The file is missing, unreadable, outside the root, empty or too large; the message names it.</exception>
    public static EncodedFile ReadInside(string path, string root, long maxBytes) => Read(path, maxBytes, () => Storage.ContainedFile.OpenInside(path, root));

    private static EncodedFile Read(string path, long maxBytes, Func<Microsoft.Win32.SafeHandles.SafeFileHandle> open)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = open();
            return Read(file, path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>Reads the file open in <paramref name="file"/> (named <paramref name="path"/> in errors), refusing one above <paramref name="maxBytes"/>.</summary>
    /// <exception cref="UnsupportedImageException">The file is unreadable, empty or too large; the message names it.</exception>
    public static EncodedFile Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var size = RandomAccess.GetLength(file);
            if (size == 0)
            {
                throw new UnsupportedImageException(path, "the file is empty");
            }

            if (size > maxBytes)
            {
                throw new UnsupportedImageException(path, $"{size / 1e6:0.#} MB is above the limit of {maxBytes / 1e6:0.#} MB");
            }

            // A very large file's buffer is not pooled: the pool would keep it after this one read.
            var buffer = size <= RgbaImage.PooledBytes ? ArrayPool<byte>.Shared.Rent((int)size) : GC.AllocateUninitializedArray<byte>((int)size);
            try
            {
                var length = 0;
                int read;
                while (length < size && (read = RandomAccess.Read(file, buffer.AsSpan(length, (int)size - length), length)) > 0)
                {
                    length += read;
                }

                return length > 0 ? new EncodedFile(path, buffer, length) : throw new UnsupportedImageException(path, "the file is empty");
            }
            catch
            {
                Release(buffer);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, e);
        }
    }

    private static UnsupportedImageException Unreadable(string path, Exception e) => e is FileNotFoundException or DirectoryNotFoundException
        ? new UnsupportedImageException(path, "the file does not exist", e)
        : new UnsupportedImageException(path, e.Message, e);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Release(buffer);
        }
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length <= RgbaImage.PooledBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
