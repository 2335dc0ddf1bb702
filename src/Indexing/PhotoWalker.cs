using System.Text;
using Retrieval.Catalog;
using Retrieval.Storage;

namespace Retrieval.Indexing;

/// <summary>
/// Walks a root folder for photo files. The root is the library's boundary: a photo or sidecar caption file that is
/// a symbolic link is read only where it stays inside the root, and a link to a folder is never followed — one inside
/// the root leads where the walk goes anyway, one elsewhere is reported (so is a photo or caption file linked from
/// elsewhere), never read. Folders that cannot be listed, broken or looping links, paths too long for the system,
/// names that are not valid UTF-8 and formats that are not decoded are reported as failures; the walk goes on. Only links are resolved (realpath), so a deep
/// chain of folders costs one listing each, not a resolution of every parent.
/// </summary>
public static class PhotoWalker
{
    /// <summary>The longest path, in UTF-8 bytes, that the system opens (Linux's PATH_MAX less the terminating NUL).</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>The photo files under <paramref name="root"/>, in a stable order, each with its size and modification time.</summary>
    public static IEnumerable<WalkEntry> Walk(string root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.GetFullPath(root);
        if (RealPath.Of(full) is not { } boundary)
        {
            yield return Failed(full, full, TooLong(full) ?? "the folder cannot be listed (it does not exist, or its path cannot be resolved)");
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(full);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            if (List(folder, out var unlisted) is not { } entries)
            {
                yield return Failed(folder, full, unlisted);
                continue;
            }

            var links = new FolderLinks(full, boundary);
            var sidecars = Sidecars(entries, links, out var refusedSidecars);
            var folders = new List<string>();
            foreach (var entry in entries)
            {
                // .NET names an entry past the system's limit with an empty path: the walk names it and goes on.
                var path = Path.Join(folder, entry.Name);
                if (TooLong(path) is { } tooLong)
                {
                    if (entry is DirectoryInfo || PhotoFormats.IsPhotoName(entry.Name))
                    {
                        yield return Failed(path, full, tooLong);
                    }
                }
                else if (entry is DirectoryInfo directory)
                {
                    // A link to a folder is never followed: one inside the root leads where the walk goes anyway (its
                    // photos are indexed once, under their own paths, and no link back up the tree can loop); one that
                    // leads elsewhere, is broken or loops is reported.
                    if (directory.LinkTarget is null)
                    {
                        folders.Add(path);
                    }
                    else if (links.Refusal(directory) is { } problem)
                    {
                        yield return Failed(path, full, problem);
                    }
                }
                else if (PhotoFormats.IsPhotoName(entry.Name))
                {
                    if (Describe((FileInfo)entry, full, links, SidecarTicks(sidecars, entry.Name)) is { } found)
                    {
                        yield return found;
                    }

                    if (SidecarOf(refusedSidecars, entry.Name) is { } refused)
                    {
                        yield return Failed(refused.Path, full, $"caption file not read: {refused.Why}");
                    }
                }
            }

            // Depth first, in name order.
            for (var i = folders.Count - 1; i >= 0; i--)
            {
                pending.Push(folders[i]);
            }
        }
    }

    private static List<FileSystemInfo>? List(string folder, out string failure)
    {
        failure = TooLong(folder) ?? "";
        if (failure.Length > 0)
        {
            return null;
        }

        try
        {
            return [.. new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException)
        {
            failure = $"the folder cannot be listed ({e.Message})";
            return null;
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be opened by the system at all, or null when its length is fine.</summary>
    private static string? TooLong(string path) => Encoding.UTF8.GetByteCount(path) is var bytes && bytes > MaxPathBytes
        ? $"the path is {bytes:N0} bytes long, more than the system can open ({MaxPathBytes + 1:N0}); move it higher up or shorten its folders' names"
        : null;

    /// <summary>
    /// The sidecar caption files of a folder's listing (photo.jpg.txt, else photo.txt) with their modification time;
    /// those that are links leading outside the root are left out, and returned in <paramref name="refused"/>.
    /// </summary>
    private static Dictionary<string, long> Sidecars(List<FileSystemInfo> entries, FolderLinks links, out Dictionary<string, (string Path, string Why)> refused)
    {
        var sidecars = new Dictionary<string, long>(StringComparer.Ordinal);
        refused = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in entries.OfType<FileInfo>().Where(f => f.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)))
        {
            if (links.Refusal(file) is { } why)
            {
                refused[file.Name] = (file.FullName, why);
            }
            else
            {
                sidecars[file.Name] = file.LastWriteTimeUtc.Ticks;
            }
        }

        return sidecars;
    }

    private static long SidecarTicks(Dictionary<string, long> sidecars, string photo) =>
        sidecars.TryGetValue(photo + ".txt", out var ticks) || sidecars.TryGetValue(Path.ChangeExtension(photo, ".txt"), out ticks) ? ticks : 0;

    private static (string Path, string Why)? SidecarOf(Dictionary<string, (string, string)> refused, string photo) =>
        refused.Count > 0 && (refused.TryGetValue(photo + ".txt", out var found) || refused.TryGetValue(Path.ChangeExtension(photo, ".txt"), out found)) ? found : null;

    private static WalkEntry? Describe(FileInfo file, string root, FolderLinks links, long sidecarTicks)
    {
        var path = file.FullName;
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return Failed(path, root, "the file name is not valid UTF-8 and cannot be opened by name; rename the file");
        }

        try
        {
            if (links.Refusal(file) is { } refusal)
            {
                return Failed(path, root, refusal);
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
            return Failed(path, root, $"cannot be read ({e.Message})");
        }
    }

    private static WalkEntry Failed(string path, string root, string reason) => new(new FoundFile(path, root, 0, 0), reason);

    /// <summary>How the links of one folder's listing are judged against the root they must stay inside.</summary>
    private readonly record struct FolderLinks(string Root, string Boundary)
    {
        /// <summary>Why an entry that is a link is not read or followed (broken, a loop, or leading outside the root); null for a plain entry or a link that stays inside.</summary>
        public string? Refusal(FileSystemInfo entry)
        {
            if (entry.LinkTarget is null)
            {
                return null;
            }

            if (RealPath.Of(entry.FullName) is { } target)
            {
                return RealPath.Within(target, Boundary) ? null : $"symbolic link to '{target}', outside the indexed folder '{Root}': not followed";
            }

            try
            {
                return entry.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true }
                    ? TooLong(entry.FullName) ?? "symbolic link that cannot be resolved"
                    : "broken symbolic link";
            }
            catch (IOException e)
            {
                return $"symbolic link loop or unreadable link ({e.Message})";
            }
        }
    }
}
