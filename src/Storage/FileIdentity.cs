using System.Globalization;
using System.Runtime.InteropServices;

namespace Retrieval.Storage;

/// <summary>
/// Which file a path names right now — its device and inode on Unix — so a reader can tell that the file it has
/// open was replaced (deleted and made anew) under the same name, which no size or time reliably shows.
/// </summary>
public static partial class FileIdentity
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static unsafe string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere: the creation time, which a file made anew changes.
            return File.Exists(path) ? File.GetCreationTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture) : null;
        }

        // struct stat begins with st_dev and st_ino, 64 bits each, on every 64-bit Linux this runs on; 256 bytes hold it all.
        var buffer = stackalloc ulong[32];
        return Stat(path, buffer) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{buffer[0]}:{buffer[1]}") : null;
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, ulong* buffer);
}
