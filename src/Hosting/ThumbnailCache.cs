using System.Globalization;
using Retrieval.Imaging;

namespace Retrieval.Hosting;

/// <summary>
/// JPEG thumbnails of indexed photos, made on demand and kept in the index's thumbnail folder under a name that
/// holds the photo's id, the size and the file's version (length and time): a changed photo gets a new one.
/// Written to a temporary file and renamed, so a reader never sees half a thumbnail.
/// </summary>
public sealed class ThumbnailCache(string folder, ImageDecoder decoder)
{
    /// <summary>The tag naming this version of a thumbnail (an HTTP ETag without its quotes).</summary>
    public static string Tag(long id, int size, FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return string.Create(CultureInfo.InvariantCulture, $"{id}-{size}-{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}");
    }

    /// <summary>The cached thumbnail of <paramref name="file"/> (photo <paramref name="id"/>) at <paramref name="size"/> pixels, made if absent.</summary>
    /// <exception cref="Errors.UnsupportedImageException">The photo cannot be decoded.</exception>
    public string GetOrCreate(long id, string file, int size)
    {
        var cached = Path.Combine(folder, $"{Tag(id, size, new FileInfo(file))}.jpg");
        if (File.Exists(cached))
        {
            return cached;
        }

        Directory.CreateDirectory(folder);
        var temporary = $"{cached}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var image = decoder.DecodeFile(file, size))
            using (var output = File.Create(temporary))
            {
                ThumbnailEncoder.Write(image, size, output);
            }

            File.Move(temporary, cached, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return cached;
    }
}
