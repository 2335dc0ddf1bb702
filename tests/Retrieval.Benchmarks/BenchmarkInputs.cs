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

    /// <summary>One sample photo resampled to 4000 x 3000: 12 MP with the detail of a 0.3 MP photo, as a smooth camera shot.</summary>
    public static string TwelveMegapixelUpscaledJpeg() => Resized("upscaled-12mp.jpg", 3000);

    /// <summary>A sample photo resized so its shorter side is 224 px, re-encoded as JPEG.</summary>
    public static string SmallJpeg() => Resized("photo-224.jpg", 224);

    private static string Resized(string name, int shorterSide)
    {
        var path = Path.Combine(RepositoryPaths.BenchmarkData, name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(RepositoryPaths.BenchmarkData);
            using var photo = SKBitmap.Decode(PhotoMosaic.SamplePhotos()[0]);
            var scale = (float)shorterSide / Math.Min(photo.Width, photo.Height);
            var size = new SKImageInfo((int)Math.Round(photo.Width * scale), (int)Math.Round(photo.Height * scale));
            using var resized = photo.Resize(size, new SKSamplingOptions(SKCubicResampler.CatmullRom));
            using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(path, data.ToArray());
        }

        return path;
    }

    /// <summary>
    /// A model by benchmark name: "default" is the shipped data/models/minilm-mobilenetv2; "vit-b32 fp32" and
    /// "vit-b32 int8" the ViT-B/32-sized random model and its int8 copy built by tools/bench-models.sh.
    /// </summary>
    public static string Model(string name)
    {
        if (name == "default")
        {
            return RepositoryPaths.DefaultModel;
        }

        var path = Path.Combine(RepositoryPaths.BenchmarkData, name == "vit-b32 int8" ? "vit-b32-random-int8" : "vit-b32-random");
        return Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build it with tools/bench-models.sh");
    }
}
