using SkiaSharp;

namespace Retrieval.Testing;

/// <summary>
/// Makes a large JPEG out of real photos tiled at their native resolution, so it has the detail of a real
/// camera image (an upscaled photo would be unrealistically smooth). Shared by tests and benchmarks.
/// </summary>
internal static class PhotoMosaic
{
    /// <summary>Writes a <paramref name="width"/> x <paramref name="height"/> JPEG of <paramref name="photos"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, int width, int height, IReadOnlyList<string> photos, int quality = 90)
    {
        var tiles = photos.Select(SKBitmap.Decode).ToList();
        try
        {
            using var canvasBitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            using (var canvas = new SKCanvas(canvasBitmap))
            {
                var index = 0;
                for (var y = 0; y < height; y += tiles[0].Height)
                {
                    for (var x = 0; x < width; x += tiles[0].Width, index++)
                    {
                        using var tile = SKImage.FromBitmap(tiles[index % tiles.Count]);
                        canvas.DrawImage(tile, x, y, SKSamplingOptions.Default);
                    }
                }
            }

            using var data = canvasBitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
            using var file = File.Create(path);
            data.SaveTo(file);
        }
        finally
        {
            tiles.ForEach(t => t.Dispose());
        }
    }

    /// <summary>
    /// Four of the sample photos shipped in data/samples: the ones the decoding tests and benchmarks were
    /// measured with (their mosaics, tolerances and timings), whatever else the folder holds.
    /// </summary>
    public static IReadOnlyList<string> SamplePhotos() =>
        [.. ((string[])["000000000790.jpg", "000000062554.jpg", "000000099053.jpg", "000000107438.jpg"]).Select(name => Path.Combine(RepositoryPaths.Samples, name))];
}
