using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Retrieval.Storage;

/// <summary>
/// Opens a file to read its content without ever blocking on what is not a file: a named pipe (FIFO) called
/// <c>photo.jpg</c> would block an ordinary open until some writer appears. On Unix the file is opened with
/// O_NONBLOCK (no effect on regular files), and anything that is not a regular, seekable file is refused.
/// </summary>
public static partial class ReadOnlyFile
{
    private const int NoSuchFile = 2;
    private const int PermissionDenied = 13;
    private const int IsADirectory = 21;
    private const int NameTooLong = 36;
    private const int TooManyLinks = 40;

    /// <summary>Opens <paramref name="path"/> for reading, shared with writers and deleters.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="UnauthorizedAccessException">Reading it is not allowed, or it is a folder.</exception>
    /// <exception cref="IOException">It is not a regular file (a pipe, socket or device), or cannot be opened.</exception>
    public static SafeFileHandle Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        var flags = OperatingSystem.IsMacOS() ? 0x4 | 0x1000000 : 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
        var fd = NativeOpen(path, flags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                NoSuchFile => new FileNotFoundException("the file does not exist", path),
                PermissionDenied => new UnauthorizedAccessException("permission denied"),
                IsADirectory => new UnauthorizedAccessException("it is a folder"),
                NameTooLong => new PathTooLongException("the path is longer than the system can open; move it higher up or shorten its folders' names"),
                TooManyLinks => new IOException("symbolic link loop"),
                _ => new IOException($"cannot be opened (errno {errno})"),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Seek(fd, 0, 1) < 0) // SEEK_CUR: pipes and sockets cannot seek
        {
            handle.Dispose();
            throw new IOException("not a regular file (a pipe, socket or device)");
        }

        return handle;
    }

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags);
}
