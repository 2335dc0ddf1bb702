using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Retrieval.Errors;

namespace Retrieval.Storage;

/// <summary>
/// An exclusive, advisory lock on a folder for one writer: <c>flock(LOCK_EX | LOCK_NB)</c> on a lock file
/// that holds the owner's process id, so a second writer is told who holds it. The kernel drops the lock
/// when the process dies, however it dies: no stale lock survives a crash. The file is opened through libc,
/// not .NET, because .NET takes its own shared flock on every file it opens, which would stop a second
/// writer from even reading the holder's id.
/// </summary>
internal sealed partial class WriterLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int Unlock = 8;
    // A lock released by a process that is forking at that moment stays held by the fork until it execs (or
    // exits): a few milliseconds. So a busy lock is asked again for a moment before it counts as held.
    private const int Attempts = 20;
    private const int WouldBlock = 11; // EWOULDBLOCK (EAGAIN) on Linux
    private const int WouldBlockBsd = 35; // on macOS
    private readonly FileStream? _windows;
    private int _fd;

    private WriterLock(int fd, FileStream? windows, string path)
    {
        _fd = fd;
        _windows = windows;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="path"/> (created when missing) or throws <see cref="StoreLockedException"/>.</summary>
    public static WriterLock Acquire(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has mandatory share modes instead; a FileShare.None handle is the same guarantee.
            return new WriterLock(-1, OpenExclusiveOnWindows(path), path);
        }

        var fd = Open(path, OperatingSystem.IsMacOS() ? 0x0202 | 0x1000000 : 0x0042 | 0x80000, 0x1A4); // O_RDWR | O_CREAT | O_CLOEXEC, 0644
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file '{path}' (errno {Marshal.GetLastPInvokeError()})");
        }

        if (!TryLock(fd, out var lockError))
        {
            var holder = ReadHolder(fd);
            _ = Close(fd);
            if (lockError is WouldBlock or WouldBlockBsd)
            {
                throw new StoreLockedException(path, holder);
            }

            throw new IOException($"cannot lock '{path}' (errno {lockError})");
        }

        var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        if (Ftruncate(fd, 0) != 0 || Pwrite(fd, pid, pid.Length, 0) != pid.Length)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Close(fd);
            throw new IOException($"cannot write lock file '{path}' (errno {errno})");
        }

        return new WriterLock(fd, null, path);
    }

    public void Dispose()
    {
        _windows?.Dispose();
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            // Unlock explicitly: a child process forked meanwhile shares the open file and would keep the lock
            // until it execs. The file stays, so the next writer reuses it.
            _ = Flock(fd, Unlock);
            _ = Close(fd);
        }
    }

    private static bool TryLock(int fd, out int errno)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (Flock(fd, LockExclusive | LockNonBlocking) == 0)
            {
                errno = 0;
                return true;
            }

            errno = Marshal.GetLastPInvokeError();
            if (errno is not (WouldBlock or WouldBlockBsd) || attempt == Attempts)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    private static int ReadHolder(int fd)
    {
        var buffer = new byte[32];
        var read = Pread(fd, buffer, buffer.Length, 0);
        return read > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, (int)read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
    }

    private static FileStream OpenExclusiveOnWindows(string path)
    {
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush();
            return file;
        }
        catch (IOException)
        {
            // The holder's handle denies other writers and readers alike: its id cannot be read here.
            throw new StoreLockedException(path, 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint Pwrite(int fd, byte[] buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint Pread(int fd, byte[] buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
