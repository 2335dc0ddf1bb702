using System.Runtime.InteropServices;

namespace Retrieval.Storage;

/// <summary>
/// A path with every symbolic link and <c>..</c> resolved, as the kernel will open it: what a check "is this
/// file under that folder" must compare, or a link inside the folder could point anywhere.
/// </summary>
public static partial class RealPath
{
    /// <summary>The resolved path of <paramref name="path"/>, or null when it does not exist.</summary>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            // Elsewhere: links resolved one level at a time, through .NET.
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path) ? (info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName) : null;
        }

        var resolved = Resolve(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Marshal.FreeHGlobal(resolved); // realpath allocates with malloc; FreeHGlobal is free() on Unix
        }
    }

    /// <summary>Whether <paramref name="path"/>, resolved, lies inside one of <paramref name="folders"/>, resolved.</summary>
    public static bool IsUnder(string path, IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (Of(path) is not { } file)
        {
            return false;
        }

        return folders.Select(Of).OfType<string>().Any(folder =>
            file.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Resolve(string path, IntPtr resolved);
}
