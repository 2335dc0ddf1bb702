using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Retrieval.Hosting;

/// <summary>
/// JPEG thumbnails of indexed photos, kept in the index's cache folder under a name that holds the photo's id, the
/// size and the file's version (length and time): a changed photo gets a new one. Sizes snap up to a few buckets
/// (<see cref="Sizes"/>), the folder is bounded (<c>maxBytes</c>, <see cref="Imaging.ImagingOptions.ThumbnailCacheBytes"/>; least recently used out first),
/// a removed photo's thumbnails go with it, and a write that fails (a full or read-only disk) loses only the cache.
/// </summary>
public sealed partial class ThumbnailCache(string folder, long maxBytes, ILogger logger)
{
    /// <summary>The sizes thumbnails are made at: a request is served the smallest at least as large as it asks.</summary>
    public static readonly IReadOnlyList<int> Sizes = [64, 128, 256, 512, 1024];

    private readonly Lock _lock = new();
    private Dictionary<string, (long Bytes, long LastUse)>? _entries;
    private long _total;
    private long _clock;

    /// <summary>The bucket that serves a request for <paramref name="size"/> pixels.</summary>
    public static int Snap(int size) => Sizes.FirstOrDefault(bucket => bucket >= size, Sizes[^1]);

    /// <summary>The tag naming this version of a thumbnail (an HTTP ETag without its quotes).</summary>
    public static string Tag(long id, int size, long length, DateTime modifiedUtc, double? videoAt = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{id}-{size}-{length:x}-{modifiedUtc.Ticks:x}{(videoAt is { } at ? $"-t{(long)Math.Round(at * 10)}" : "")}");

    /// <summary>The cached file of <paramref name="tag"/>, marked as just used; null when there is none.</summary>
    public string? Find(string tag)
    {
        var name = FileName(tag);
        var path = Path.Combine(folder, name);
        lock (_lock)
        {
            var entries = Entries();
            if (!entries.TryGetValue(name, out var entry))
            {
                return null;
            }

            if (!File.Exists(path))
            {
                Drop(name);
                return null;
            }

            entries[name] = (entry.Bytes, ++_clock);
            return path;
        }
    }

    /// <summary>Keeps <paramref name="jpeg"/> as the thumbnail <paramref name="tag"/>, making room by dropping the least recently used; a failed write is logged, not thrown.</summary>
    public void Store(string tag, ReadOnlySpan<byte> jpeg)
    {
        var name = FileName(tag);
        var path = Path.Combine(folder, name);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(temporary, jpeg.ToArray());
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(logger, path, e.Message);
            TryDelete(temporary);
            return;
        }

        lock (_lock)
        {
            var entries = Entries();
            if (entries.TryGetValue(name, out var old))
            {
                _total -= old.Bytes;
            }

            entries[name] = (jpeg.Length, ++_clock);
            _total += jpeg.Length;
            EvictBeyondLimit();
        }
    }

    /// <summary>Deletes every thumbnail of photo <paramref name="id"/> (it left the index).</summary>
    public void Forget(long id)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{id}-");
        lock (_lock)
        {
            foreach (var name in Entries().Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                Drop(name);
            }
        }
    }

    private static string FileName(string tag) => $"{tag}.jpg";

    /// <summary>The cache's entries, read from the folder the first time (their file times as their last use).</summary>
    private Dictionary<string, (long Bytes, long LastUse)> Entries()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        var files = Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*.jpg").OrderBy(f => f.LastWriteTimeUtc).ToList()
            : [];
        _entries = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            _entries[file.Name] = (file.Length, ++_clock);
            _total += file.Length;
        }

        EvictBeyondLimit();
        return _entries;
    }

    private void EvictBeyondLimit()
    {
        if (_total <= maxBytes)
        {
            return;
        }

        // Down to nine tenths, so a full cache does not evict on every write.
        foreach (var (name, _) in _entries!.OrderBy(e => e.Value.LastUse).ToList())
        {
            if (_total <= maxBytes / 10 * 9)
            {
                break;
            }

            Drop(name);
        }
    }

    private void Drop(string name)
    {
        if (_entries!.Remove(name, out var entry))
        {
            _total -= entry.Bytes;
        }

        TryDelete(Path.Combine(folder, name));
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(logger, path, e.Message);
        }
    }

    [LoggerMessage(EventId = 4000, EventName = "ThumbnailCacheWriteFailed", Level = LogLevel.Warning,
        Message = "The thumbnail cache could not change {Path} ({Reason}); thumbnails are still served, made again as needed")]
    private static partial void LogCacheWriteFailed(ILogger logger, string path, string reason);
}
