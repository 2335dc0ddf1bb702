using System.Runtime.InteropServices;
using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// Walks a root folder for photo files. Symbolic links are followed, once: a link that leads back into a
/// folder already walked (a loop) is reported, not followed. Folders that cannot be listed, broken links,
/// names that are not valid UTF-8 and formats that are not decoded are reported as failures; the walk goes on.
/// </summary>
public static partial class PhotoWalker
{
    /// <summary>The photo files under <paramref name="root"/>, in a stable order, each with its size and modification time.</summary>
    public static IEnumerable<WalkEntry> Walk(string root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.GetFullPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(full) };
        var pending = new Stack<string>();
        pending.Push(full);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            List<FileSystemInfo> entries;
            string? failure = null;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                entries = [];
                failure = $"the folder cannot be listed ({e.Message})";
            }

            if (failure is not null)
            {
                yield return new WalkEntry(new FoundFile(folder, full, 0, 0), failure);
                continue;
            }

            // Sidecar caption files, from the same listing: photo.jpg.txt, else photo.txt.
            var sidecars = entries.OfType<FileInfo>().Where(f => f.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(f => f.Name, f => f.LastWriteTimeUtc.Ticks, StringComparer.Ordinal);
            var folders = new List<string>();
            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo directory)
                {
                    if (FollowFolder(directory, visited, out var problem))
                    {
                        folders.Add(directory.FullName);
                    }
                    else if (problem is not null)
                    {
                        yield return new WalkEntry(new FoundFile(directory.FullName, full, 0, 0), problem);
                    }
                }
                else if (PhotoFormats.IsPhotoName(entry.Name) && Describe((FileInfo)entry, full, SidecarTicks(sidecars, entry.Name)) is { } found)
                {
                    yield return found;
                }
            }

            // Depth first, in name order.
            for (var i = folders.Count - 1; i >= 0; i--)
            {
                pending.Push(folders[i]);
            }
        }
    }

    private static bool FollowFolder(DirectoryInfo directory, HashSet<string> visited, out string? problem)
    {
        problem = null;
        string real;
        try
        {
            if (directory.LinkTarget is not null && directory.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                problem = "broken symbolic link";
                return false;
            }

            real = RealPath(directory.FullName);
        }
        catch (IOException e)
        {
            problem = $"symbolic link loop or unreadable link ({e.Message})";
            return false;
        }

        if (visited.Add(real))
        {
            return true;
        }

        // A second way into a folder already walked: a loop through a link, reported once per link.
        if (directory.LinkTarget is not null)
        {
            problem = $"symbolic link loop: leads back to '{real}', already walked";
        }

        return false;
    }

    private static long SidecarTicks(Dictionary<string, long> sidecars, string photo) =>
        sidecars.TryGetValue(photo + ".txt", out var ticks) || sidecars.TryGetValue(Path.ChangeExtension(photo, ".txt"), out ticks) ? ticks : 0;

    private static WalkEntry? Describe(FileInfo file, string root, long sidecarTicks)
    {
        var path = file.FullName;
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return new WalkEntry(new FoundFile(path, root, 0, 0), "the file name is not valid UTF-8 and cannot be opened by name; rename the file");
        }

        try
        {
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                return new WalkEntry(new FoundFile(path, root, 0, 0), "broken symbolic link");
            }

            file.Refresh();
            if (!file.Exists)
            {
                return null; // vanished since the folder was listed
            }

            var found = new FoundFile(path, root, file.Length, file.LastWriteTimeUtc.Ticks, sidecarTicks);
            return PhotoFormats.Unsupported.TryGetValue(file.Extension, out var format)
                ? new WalkEntry(found, $"unsupported format ({format}); convert it to JPEG or PNG to index it")
                : new WalkEntry(found, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new WalkEntry(new FoundFile(path, root, 0, 0), $"cannot be read ({e.Message})");
        }
    }

    /// <summary>The canonical path, every symbolic link resolved (libc realpath); the path itself where that is unavailable.</summary>
    private static string RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.GetFullPath(path);
        }

        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return Path.GetFullPath(path);
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? path;
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void NativeFree(IntPtr pointer);
}
