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
        try
        {
            return OpenInside(path, folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The file at <paramref name="path"/>, open, when it is a regular file inside <paramref name="folder"/>.</summary>
    /// <exception cref="OutsideRootException">The file opened lies outside <paramref name="folder"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no such file, or it was deleted as it was opened.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">Reading it is not allowed, or it is a folder.</exception>
    /// <exception cref="IOException">It is not a regular file, or cannot be opened.</exception>
    public static SafeFileHandle OpenInside(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        var inside = RealPath.Of(folder) ?? throw new DirectoryNotFoundException($"the indexed folder '{folder}' is gone");
        var handle = ReadOnlyFile.Open(path);
        var opened = OpenedPath(handle, path);
        if (opened is not null && RealPath.Within(opened, inside))
        {
            return handle;
        }

        handle.Dispose();
        throw opened is null ? new FileNotFoundException("the file was deleted as it was opened", path) : new OutsideRootException(path, opened, folder);
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
