using System.Diagnostics;
using System.Globalization;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Imaging;
using Retrieval.Testing;
using SkiaSharp;

namespace Retrieval.Benchmarks.Imaging;

/// <summary>
/// The formats Magick.NET decodes, beside the reference tools, one command (needs ../shared, heif-enc and heif-convert
/// from libheif-examples, and Debian's python3 with Pillow and numpy):
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- formats [N=200]
/// (1) a 12-megapixel HEIC (4032 × 3024, made by heif-enc from an upscaled COCO photo) decoded in full by the engine and by
/// heif-convert (to y4m, the cheapest output), medians of 7, with the engine's peak memory; the same photo as a JPEG for
/// comparison. (2) N photos per format indexed end to end with the default model on 2 threads: JPEG, HEIC (heif-enc) and
/// DNG whose 3000 × 2000 preview is read instead of the mosaic (tests/formats-set/dng.py) — photos/s.
/// </summary>
internal static class FormatBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var work = Directory.CreateTempSubdirectory("retrieval-formats-bench-");
        try
        {
            Console.WriteLine($"# Format benchmark: {Environment.ProcessorCount} cores");
            DecodeTwelveMegapixels(work.FullName);
            await IndexRatesAsync(work.FullName, count);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void DecodeTwelveMegapixels(string work)
    {
        var source = Directory.GetFiles(RepositoryPaths.Samples, "*.jpg").Order(StringComparer.Ordinal).First();
        var jpeg = Path.Combine(work, "12mp.jpg");
        using (var original = SKBitmap.Decode(source))
        using (var large = original.Resize(new SKImageInfo(4032, 3024), new SKSamplingOptions(SKCubicResampler.Mitchell)))
        using (var image = SKImage.FromBitmap(large))
        using (var data = image.Encode(SKEncodedImageFormat.Jpeg, 92))
        {
            File.WriteAllBytes(jpeg, data.ToArray());
        }

        var heic = Path.Combine(work, "12mp.heic");
        Run("heif-enc", $"-q 85 \"{jpeg}\" -o \"{heic}\"");
        var decoder = new ImageDecoder(new ImagingOptions());
        double Ours(string file)
        {
            var bytes = File.ReadAllBytes(file);
            decoder.Decode(bytes, file).Dispose(); // warm-up
            return Statistics.Median(Enumerable.Range(0, 7).Select(_ =>
            {
                var clock = Stopwatch.StartNew();
                decoder.Decode(bytes, file).Dispose();
                return clock.Elapsed.TotalMilliseconds;
            }));
        }

        var (heicOurs, jpegOurs) = (Ours(heic), Ours(jpeg));
        var reference = Statistics.Median(Enumerable.Range(0, 7).Select(_ => Run("heif-convert", $"\"{heic}\" \"{Path.Combine(work, "out.y4m")}\"")));
        Process.GetCurrentProcess().Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| 12 MP HEIC ({new FileInfo(heic).Length / 1e6:0.0} MB) full decode | engine {heicOurs:0} ms | heif-convert {reference:0} ms | ratio {heicOurs / reference:0.00} | same photo as JPEG: engine {jpegOurs:0} ms | engine peak resident memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB |"));
    }

    private static async Task IndexRatesAsync(string work, int count)
    {
        var flickr = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "flickr8k-224", "images-partial"));
        var sources = Directory.GetFiles(flickr, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToList();
        var folders = new Dictionary<string, string>
        {
            ["JPEG"] = Directory.CreateDirectory(Path.Combine(work, "jpeg")).FullName,
            ["HEIC"] = Directory.CreateDirectory(Path.Combine(work, "heic")).FullName,
            ["DNG (preview)"] = Directory.CreateDirectory(Path.Combine(work, "dng")).FullName,
        };
        foreach (var source in sources)
        {
            File.Copy(source, Path.Combine(folders["JPEG"], Path.GetFileName(source)));
            Run("heif-enc", $"-q 85 \"{source}\" -o \"{Path.Combine(folders["HEIC"], Path.ChangeExtension(Path.GetFileName(source), ".heic"))}\"");
        }

        Run("/usr/bin/python3", $"-c \"import sys; sys.path.insert(0, '{Path.Combine(RepositoryPaths.Root, "tests", "formats-set")}'); import dng, os; from PIL import Image; " +
            $"[open(os.path.join('{folders["DNG (preview)"]}', os.path.splitext(f)[0] + '.dng'), 'wb').write(dng.build_dng(Image.open(os.path.join('{flickr}', f)).convert('RGB').resize((3000, 2000)), 1, True, 'Bench', 'Synthetic', '2020:01:01 00:00:00')) " +
            $"for f in sorted(os.listdir('{flickr}'))[:{count}]]\"");
        using var model = TestModels.Default(threads: 2);
        foreach (var (format, folder) in folders)
        {
            var (seconds, counts) = await IndexBenchmark.TimedRunAsync(Path.Combine(work, $"index-{format[..3]}"), model, folder, threads: 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {counts.Embedded:N0} {format} photos ({Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) / 1e6 / counts.Embedded:0.0} MB each) | {counts.Embedded / seconds:0.0} photos/s | failed {counts.Failed} |"));
        }
    }

    /// <summary>Runs a tool, failing loudly; returns its wall time in milliseconds.</summary>
    private static double Run(string program, string arguments)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? clock.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{program} {arguments}: exit {process.ExitCode}: {error.Result}");
    }
}
