using Microsoft.Win32.SafeHandles;

namespace Retrieval.Storage;

/// <summary>
/// Opens a file for reading only when the file actually opened lies inside a folder: the check is made on the
/// open handle (on Linux, the kernel's own name for it in <c>/proc/self/fd</c>), not on the path before opening,
/// so a path that turns into a link to elsewhere between a check and the open (a swap race) is still refused.
/// The caller reads from the returned handle, never from the path again.
/// </summary>
public static class ContainedFile
{
    /// <summary>The file at <paramref name="path"/>, open, when it is a regular file inside <paramref name="folder"/>; else null.</summary>
    public static SafeFileHandle? Open(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        if (RealPath.Of(folder) is not { } inside)
        {
            return null;
        }

        SafeFileHandle handle;
        try
        {
            handle = ReadOnlyFile.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (OpenedPath(handle, path) is { } opened && opened.StartsWith(Path.TrimEndingDirectorySeparator(inside) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    /// <summary>The resolved path of the file behind <paramref name="handle"/>; null when it has been deleted.</summary>
    private static string? OpenedPath(SafeFileHandle handle, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Without /proc, the path resolved now: the swap race stays open on these systems.
            return RealPath.Of(path);
        }

        var target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        return target is null || target.EndsWith(" (deleted)", StringComparison.Ordinal) ? null : target;
    }
}
