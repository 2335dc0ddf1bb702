using System.Collections.Concurrent;
using System.Globalization;
using Retrieval.Errors;
using Retrieval.Storage;

namespace Retrieval.Catalog;

/// <summary>
/// SQLite reports a damaged page only when the page no longer parses; garbage that still parses as a b-tree page is
/// read as rows, and a search then silently answers wrong or nothing. So a catalog is checked whole
/// (<c>PRAGMA quick_check</c>: every page's structure and every index against its table) when it is opened — once per
/// version of its files in a process: the check is skipped while the file, its write-ahead log and their sizes and
/// times are those of a catalog this process found sound. A file changed in the last two seconds is always checked,
/// as its time cannot yet tell a later write.
/// </summary>
internal static class CatalogIntegrity
{
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<string, string> Sound = new(StringComparer.Ordinal);

    /// <summary>Checks the catalog at <paramref name="path"/> with <paramref name="quickCheck"/> (SQLite's answer: "ok", or the first problem).</summary>
    /// <exception cref="IndexDamagedException">SQLite finds the file damaged.</exception>
    public static void Verify(string path, Func<string?> quickCheck)
    {
        var version = Version(path);
        if (version is not null && Sound.TryGetValue(path, out var known) && known == version)
        {
            return;
        }

        if (quickCheck() is { } answer && answer != "ok")
        {
            Sound.TryRemove(path, out _);
            throw new IndexDamagedException(path, $"SQLite's check finds it damaged ({answer})");
        }

        if (version is not null)
        {
            Sound[path] = version;
        }
    }

    /// <summary>The catalog's files as they are now, or null when one of them changed too recently to be told apart from a later change.</summary>
    private static string? Version(string path)
    {
        var now = DateTime.UtcNow;
        var parts = new List<string>(2);
        foreach (var file in (string[])[path, path + "-wal"])
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                parts.Add("-");
                continue;
            }

            if (now - info.LastWriteTimeUtc < Settling)
            {
                return null;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{FileIdentity.Of(file)}/{info.Length}/{info.LastWriteTimeUtc.Ticks}"));
        }

        return string.Join('|', parts);
    }
}
