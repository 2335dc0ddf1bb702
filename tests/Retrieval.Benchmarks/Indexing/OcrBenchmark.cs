using System.Globalization;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Testing;

namespace Retrieval.Benchmarks.Indexing;

/// <summary>
/// Indexing with OCR, one command (needs ../shared):
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- ocr [DETECTOR_SIDE=960]
/// The default model, 2 threads: the 1,000 Flickr8k photos indexed end to end with OCR off and on, alternated three
/// times (medians, and OCR's share of the time), then the OCR set's 30 phone screenshots (20 English, 10 Chinese) with
/// OCR on, three times.
/// </summary>
internal static class OcrBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var side = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 960;
        var flickr = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "flickr8k-224", "images-partial"));
        using var model = TestModels.Default(threads: 2);
        using var reader = PhotoTextReader.Open(new OcrModels(RepositoryPaths.OcrModels),
            new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 }, new OcrOptions { DetectorSide = side });
        Console.WriteLine($"# OCR benchmark: model {model.Manifest.Id}, detector side {side}, {Environment.ProcessorCount} cores");
        var off = new List<double>();
        var on = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            off.Add(await RateAsync(model, flickr, "*.jpg", null));
            on.Add(await RateAsync(model, flickr, "*.jpg", reader));
        }

        var (offRate, onRate) = (Statistics.Median(off), Statistics.Median(on));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| 1,000 Flickr8k photos | OCR off {offRate:0.0} photos/s ({Join(off)}) | OCR on {onRate:0.0} photos/s ({Join(on)}) | OCR's share of the time {1 - (onRate / offRate):P0} |"));

        var shots = Path.Combine(RepositoryPaths.OcrSet, "images");
        var screenshots = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            screenshots.Add(await RateAsync(model, shots, "*screenshot*.png", reader, "chinese-*.png"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 30 phone screenshots (750 x 1334) | OCR on {Statistics.Median(screenshots):0.0} photos/s ({Join(screenshots)}) |"));
        WordsFound(reader, shots);
        return 0;
    }

    /// <summary>Per kind of the OCR set: words the read text holds (case and spaces ignored, as tests/ocr-set/tesseract.py counts) and time a photo, OCR alone.</summary>
    private static void WordsFound(PhotoTextReader reader, string images)
    {
        var decoder = new Retrieval.Imaging.ImageDecoder(new Retrieval.Imaging.ImagingOptions());
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(images, "..", "manifest.json"))).RootElement.GetProperty("images").EnumerateArray().ToList();
        static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        foreach (var kind in manifest.GroupBy(m => m.GetProperty("kind").GetString()!))
        {
            var (held, found) = (0, 0);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var entry in kind)
            {
                using var image = decoder.DecodeFile(Path.Combine(images, entry.GetProperty("file").GetString()!), reader.DetectorSide * 3 / 4);
                var text = Flat(string.Concat(reader.Read(image).Select(l => l.Text)));
                var words = entry.GetProperty("words").EnumerateArray().Select(w => Flat(w.GetString()!)).ToList();
                held += words.Count;
                found += words.Count(text.Contains);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| PP-OCRv4 (ours) | {kind.Key} | {found} of {held} words | {clock.Elapsed.TotalMilliseconds / kind.Count():0} ms a photo |"));
        }
    }

    private static async Task<double> RateAsync(ClipModel model, string folder, string pattern, PhotoTextReader? reader, string? alsoPattern = null)
    {
        var work = Directory.CreateTempSubdirectory("retrieval-bench-ocr-");
        try
        {
            var photos = Path.Combine(work.FullName, "photos");
            var files = Directory.GetFiles(folder, pattern).Concat(alsoPattern is null ? [] : Directory.GetFiles(folder, alsoPattern)).ToList();
            TestFiles.CopyAll(files, photos);
            var (seconds, counts) = await IndexBenchmark.TimedRunAsync(Path.Combine(work.FullName, "index"), model, photos, 2, text: reader);
            return counts.Embedded / seconds;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
}
