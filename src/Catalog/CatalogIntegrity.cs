using System.Collections.Concurrent;
using Retrieval.Errors;
using Retrieval.Storage;

namespace Retrieval.Catalog;

/// <summary>
/// SQLite reports a damaged page only when the page no longer parses; garbage that still parses as a b-tree page is
/// read as rows, and a search then silently answers wrong or nothing. So a catalog is checked whole
/// (<c>PRAGMA quick_check</c>: every page's structure, cells and free list) when it is opened — once per
/// version of its files in a process: the check is skipped while the file and its write-ahead log are the versions
/// (<see cref="FileVersion"/>) of a catalog this process found sound.
/// </summary>
internal static class CatalogIntegrity
{
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

    /// <summary>The catalog's files as they are now (the database and its write-ahead log), or null when one of them cannot be remembered.</summary>
    private static string? Version(string path) =>
        FileVersion.Of(path) is { } database && FileVersion.Of(path + "-wal") is { } log ? $"{database}|{log}" : null;
}
