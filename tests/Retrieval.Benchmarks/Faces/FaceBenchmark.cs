using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Faces;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Testing;
using SkiaSharp;

namespace Retrieval.Benchmarks.Faces;

/// <summary>
/// Faces, one command (needs ../shared):
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- faces
/// (1) Faces per second — detection, landmarks and descriptors, the photos decoded beforehand — on two threads at once
/// (one ONNX Runtime thread each, as the indexer's two reading threads run them), medians of 3: on ordinary photos (the
/// 51 COCO photos of ../shared, 640 px, 14 with faces) and on group photos (20 made of the face set's five largest
/// faces, 12 to a 640 × 480 photo: every face kept). (2) Indexing end to end with the default model on 2 threads, faces
/// off and on, alternated three times on the same photos: the 51 COCO photos and the 1,000 Flickr8k photos (medians).
/// (3) Why faces under 32 pixels are skipped: the face set's largest face shrunk to each size, its descriptor's
/// distance from the full-size one's (dlib's same-person threshold is 0.6).
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- faces PACK
/// compares the bundled models with an immich face pack (a folder: buffalo_l, or the replica tools/faces/immich_replica.py
/// builds) side by side: (1) for each, then indexing the 51 COCO photos with each, alternated.
/// </summary>
internal static class FaceBenchmark
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets"));
        var coco = Path.Combine(shared, "coco-train-mini", "images");
        var flickr = Path.Combine(shared, "flickr8k-224", "images-partial");
        Console.WriteLine($"# Face benchmark: {Cpu()}, {Environment.ProcessorCount} cores");
        if (args is [_, var pack])
        {
            await ComparePackAsync(pack, coco);
            return 0;
        }

        using var reader = PhotoFaceReader.Open(new FaceModels(RepositoryPaths.FaceModels), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 }, new FaceOptions());
        var decoder = new ImageDecoder(new ImagingOptions());

        var ordinary = Directory.GetFiles(coco, "*.jpg").Order(StringComparer.Ordinal).Select(f => decoder.DecodeFile(f, PhotoFaceReader.Side)).ToList();
        Report("ordinary photos (51 COCO, 640 px)", reader, ordinary);
        var groups = GroupPhotos(decoder);
        Report("group photos (20 of 12 faces, 640 x 480)", reader, groups);
        ordinary.Concat(groups).ToList().ForEach(image => image.Dispose());

        using var model = TestModels.Default(threads: 2);
        await IndexingAsync("51 COCO photos (640 px)", model, reader, Directory.GetFiles(coco, "*.jpg"));
        await IndexingAsync("1,000 Flickr8k photos (<= 256 px)", model, reader, Directory.GetFiles(flickr, "*.jpg"));

        using var everyFace = PhotoFaceReader.Open(new FaceModels(RepositoryPaths.FaceModels), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 }, new FaceOptions { MinFaceSize = 0 });
        DescriptorDrift(everyFace, decoder);
        return 0;
    }

    /// <summary>The bundled models and the face pack at <paramref name="pack"/>, side by side.</summary>
    private static async Task ComparePackAsync(string pack, string coco)
    {
        var cpu = new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };
        using var bundled = FaceReaders.Open(new FaceOptions { Model = RepositoryPaths.FaceModels }, cpu);
        using var immich = FaceReaders.Open(new FaceOptions { Model = pack }, cpu);
        var decoder = new ImageDecoder(new ImagingOptions());
        var photos = Directory.GetFiles(coco, "*.jpg").Order(StringComparer.Ordinal).ToList();
        var groups = GroupPhotos(decoder);
        foreach (var reader in (IFaceReader[])[bundled, immich])
        {
            var ordinary = photos.Select(f => decoder.DecodeFile(f, reader.DetectorSide)).ToList();
            Report($"{reader.ModelId}: ordinary photos (51 COCO, 640 px)", reader, ordinary);
            Report($"{reader.ModelId}: group photos (20 of 12 faces, 640 x 480)", reader, groups);
            ordinary.ForEach(image => image.Dispose());
        }

        groups.ForEach(image => image.Dispose());
        using var model = TestModels.Default(threads: 2);
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var reader in (IFaceReader[])[bundled, immich])
            {
                var (rate, faces) = await RateAsync(model, photos, reader);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| indexing 51 COCO photos, round {round + 1} | {reader.ModelId} | {rate:0.0} photos/s | {faces} faces |"));
            }
        }
    }

    /// <summary>Photos and faces a second over <paramref name="images"/>, two at a time.</summary>
    private static void Report(string name, IFaceReader reader, List<RgbaImage> images)
    {
        var faces = 0;
        var seconds = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var queue = new ConcurrentQueue<RgbaImage>(images);
            var found = 0;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, 2, _ =>
            {
                while (queue.TryDequeue(out var image))
                {
                    Interlocked.Add(ref found, reader.Read(image).Count);
                }
            });
            seconds.Add(clock.Elapsed.TotalSeconds);
            faces = found;
        }

        var median = Statistics.Median(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {faces} faces kept | {images.Count / median:0.0} photos/s | {faces / median:0.0} faces/s | runs {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s |"));
    }

    /// <summary>The indexing rate with faces off and on, alternated, on the same photos.</summary>
    private static async Task IndexingAsync(string name, ClipModel model, IFaceReader reader, IReadOnlyList<string> photos)
    {
        var off = new List<double>();
        var on = new List<double>();
        var found = 0;
        for (var round = 0; round < Rounds; round++)
        {
            off.Add((await RateAsync(model, photos, null)).Rate);
            var (rate, faces) = await RateAsync(model, photos, reader);
            on.Add(rate);
            found = faces;
        }

        var (offRate, onRate) = (Statistics.Median(off), Statistics.Median(on));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| indexing {name} | faces off {offRate:0.0} photos/s ({Join(off)}) | faces on {onRate:0.0} photos/s ({Join(on)}), {found} faces | on / off {onRate / offRate:0.00} |"));
    }

    private static async Task<(double Rate, int Faces)> RateAsync(ClipModel model, IReadOnlyList<string> photos, IFaceReader? faces)
    {
        var work = Directory.CreateTempSubdirectory("retrieval-bench-faces-");
        try
        {
            var folder = Path.Combine(work.FullName, "photos");
            TestFiles.CopyAll(photos, folder);
            var (seconds, counts) = await IndexBenchmark.TimedRunAsync(Path.Combine(work.FullName, "index"), model, folder, 2, faces: faces);
            return (counts.Embedded / seconds, counts.TallyOf(FaceAnalyzer.Tally));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>20 photos of 4 × 3 faces: the face set's five largest faces, each tile 160 px, in turn.</summary>
    private static List<RgbaImage> GroupPhotos(ImageDecoder decoder)
    {
        var faces = FaceSetFaces(decoder);
        var folder = Directory.CreateTempSubdirectory("retrieval-bench-groups-");
        try
        {
            return [.. Enumerable.Range(0, 20).Select(n =>
            {
                using var group = new SKBitmap(640, 480);
                using (var canvas = new SKCanvas(group))
                {
                    for (var tile = 0; tile < 12; tile++)
                    {
                        var (image, box) = faces[(n + tile) % faces.Count];
                        canvas.DrawImage(image, box, SKRect.Create(tile % 4 * 160, tile / 4 * 160, 160, 160), new SKSamplingOptions(SKCubicResampler.Mitchell));
                    }
                }

                var path = Path.Combine(folder.FullName, $"group-{n}.png");
                using (var png = group.Encode(SKEncodedImageFormat.Png, 100))
                {
                    File.WriteAllBytes(path, png.ToArray());
                }

                return decoder.DecodeFile(path, PhotoFaceReader.Side);
            })];
        }
        finally
        {
            foreach (var (image, _) in faces)
            {
                image.Dispose();
            }

            folder.Delete(recursive: true);
        }
    }

    /// <summary>The five largest faces the original found in the face set's photos, each with a margin of a third around it.</summary>
    private static List<(SKImage Image, SKRect Box)> FaceSetFaces(ImageDecoder decoder)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FaceSet, "reference.json")));
        return [.. json.RootElement.GetProperty("images").EnumerateObject()
            .Where(image => image.Name.StartsWith("photos/", StringComparison.Ordinal))
            .SelectMany(image => image.Value.GetProperty("faces").EnumerateArray().Select(face => (image.Name, Box: face.GetProperty("box").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray())))
            .OrderByDescending(face => face.Box[2] * face.Box[3]).Take(5)
            .Select(face =>
            {
                var (x, y, w, h) = (face.Box[0], face.Box[1], face.Box[2], face.Box[3]);
                var side = Math.Max(w, h) * 5 / 3;
                return (SKImage.FromEncodedData(Path.Combine(RepositoryPaths.FaceSet, face.Name)), SKRect.Create(x + (w / 2) - (side / 2), y + (h / 2) - (side / 2), side, side));
            })];
    }

    /// <summary>The largest face of the set shrunk to each size: how far its descriptor moves from the full-size one's (<paramref name="reader"/> keeps every face).</summary>
    private static void DescriptorDrift(PhotoFaceReader reader, ImageDecoder decoder)
    {
        var path = Path.Combine(RepositoryPaths.FaceSet, "photos", "000000256353.jpg");
        using var photo = decoder.DecodeFile(path);
        var faces = reader.Read(photo);
        var full = faces[0];
        using var stranger = decoder.DecodeFile(Path.Combine(RepositoryPaths.FaceSet, "photos", "000000349860.jpg"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| descriptor drift | the person's face at {full.Box.ShortSide:0} px | the same person's other face: {Distance(full, faces[1]):0.00} | another person (photos/000000349860.jpg): {Distance(full, reader.Read(stranger)[0]):0.00} |"));
        using var source = SKBitmap.Decode(path);
        foreach (var size in (int[])[96, 64, 48, 40, 32, 28, 24, 20, 16])
        {
            var scale = size / full.Box.ShortSide;
            var folder = Directory.CreateTempSubdirectory("retrieval-bench-drift-");
            try
            {
                using var small = source.Resize(new SKImageInfo((int)Math.Round(source.Width * scale), (int)Math.Round(source.Height * scale)), new SKSamplingOptions(SKCubicResampler.Mitchell));
                var file = Path.Combine(folder.FullName, "small.png");
                using (var png = small.Encode(SKEncodedImageFormat.Png, 100))
                {
                    File.WriteAllBytes(file, png.ToArray());
                }

                using var image = decoder.DecodeFile(file);
                var found = reader.Read(image).Where(f => Math.Abs((f.Box.X / scale) - full.Box.X) < 30 && Math.Abs((f.Box.Y / scale) - full.Box.Y) < 30).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| face {size} px | {(found.Count == 0 ? "not found" : $"distance {Distance(found[0], full):0.00}")} |"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static double Distance(Face a, Face b) => System.Numerics.Tensors.TensorPrimitives.Distance<float>(a.Descriptor, b.Descriptor);

    /// <summary>The processor, as /proc/cpuinfo names it.</summary>
    private static string Cpu() =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line.Split(':', 2)[1].Trim()
            : "unknown CPU";

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
}
