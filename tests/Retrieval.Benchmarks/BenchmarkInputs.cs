using Retrieval.Testing;
using SkiaSharp;

namespace Retrieval.Benchmarks;

/// <summary>Benchmark inputs made once from the shipped sample photos, kept in benchmarks-data/.</summary>
internal static class BenchmarkInputs
{
    /// <summary>A 4000 x 3000 JPEG of real photos tiled at native resolution.</summary>
    public static string TwelveMegapixelJpeg()
    {
        var path = Path.Combine(RepositoryPaths.BenchmarkData, "mosaic-12mp.jpg");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(RepositoryPaths.BenchmarkData);
            PhotoMosaic.Write(path, 4000, 3000, PhotoMosaic.SamplePhotos());
        }

        return path;
    }

    /// <summary>A sample photo resized so its shorter side is 224 px, re-encoded as JPEG.</summary>
    public static string SmallJpeg()
    {
        var path = Path.Combine(RepositoryPaths.BenchmarkData, "photo-224.jpg");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(RepositoryPaths.BenchmarkData);
            using var photo = SKBitmap.Decode(PhotoMosaic.SamplePhotos()[0]);
            var scale = 224f / Math.Min(photo.Width, photo.Height);
            using var resized = photo.Resize(new SKImageInfo((int)(photo.Width * scale), (int)(photo.Height * scale)), new SKSamplingOptions(SKCubicResampler.CatmullRom));
            using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(path, data.ToArray());
        }

        return path;
    }

    /// <summary>The ViT-B/32-sized random model (fp32, or its int8 copy) built by tools/bench-models.sh.</summary>
    public static string VitB32Model(string precision)
    {
        var path = Path.Combine(RepositoryPaths.BenchmarkData, precision == "int8" ? "vit-b32-random-int8" : "vit-b32-random");
        return Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build it with tools/bench-models.sh");
    }
}
