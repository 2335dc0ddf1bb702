using System.Globalization;

namespace Retrieval.Storage;

/// <summary>
/// A file as it is now — its identity (device:inode), length and modification time — for a process to remember that
/// it already checked that version of the file and need not again. A file's time moves in coarse steps (the kernel's
/// tick): a write in the same step as the last one would leave it as it was, so a file written this recently has no
/// version to remember (it is checked every time, as git treats "racily clean" files). Any later write changes its
/// time; a file replaced under the same name has another inode.
/// </summary>
public static class FileVersion
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    /// <summary>The version of the file at <paramref name="path"/>; "absent" when there is none; null when it cannot be told or was written too recently.</summary>
    public static string? Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return "absent";
        }

        return FileIdentity.Of(path) is not { } identity || DateTime.UtcNow - info.LastWriteTimeUtc < Settled
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{identity}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
    }
}
