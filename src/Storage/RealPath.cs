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

    /// <summary>Whether the resolved path <paramref name="path"/> is <paramref name="folder"/> (resolved) or lies below it.</summary>
    public static bool Within(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        // "/" trims to itself and holds everything; "/photos" holds "/photos/a" but not "/photos2".
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return path.StartsWith(trimmed, StringComparison.Ordinal)
            && (path.Length == trimmed.Length || trimmed.EndsWith(Path.DirectorySeparatorChar) || path[trimmed.Length] == Path.DirectorySeparatorChar);
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Resolve(string path, IntPtr resolved);
}
