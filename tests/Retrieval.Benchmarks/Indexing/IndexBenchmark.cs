using System.Diagnostics;
using System.Globalization;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Backends.Local;
using Retrieval.Faces;
using Retrieval.Hosting;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Vectors;
using SkiaSharp;

namespace Retrieval.Benchmarks.Indexing;

/// <summary>
/// The indexer end to end, one command:
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- index [MODEL_DIR ("" for the bundled model)] [PHOTO_COUNT=100000] [BATCH=32] [THREADS=2]
/// 1. The 1,000 Flickr8k photos of ../shared indexed into a fresh index, against the image encoder alone on
///    the same photos (already preprocessed, in memory) with the same model, batch and threads: the ratio is
///    how much of the encoder's speed the whole pipeline keeps. Captions are left out of both (they are text
///    encoder work the encoder-only figure does not include); a second run with them says what they cost.
/// 2. PHOTO_COUNT (0 skips 2 and 3) small generated photos, each distinct (benchmarks-data/generated-N): photos/s to index,
///    resident memory at the end, and a rerun with nothing to do.
/// 3. Search over that index without loading the model (warm, in process, query vectors given): p50 and p99.
/// The Flickr comparison alternates the two measurements three times and compares their medians; the other
/// figures are one run each: run the command three times and take the medians.
/// </summary>
internal static class IndexBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelPath = args.Length > 1 && args[1].Length > 0 ? Path.GetFullPath(args[1]) : RepositoryPaths.TinyModel;
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 32;
        var threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2;
        var flickr = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "flickr8k-224"));
        using var model = TestModels.Load(modelPath, batch, threads);
        Console.WriteLine($"# Indexing benchmark: model {model.Manifest.Id} ({model.Manifest.Preprocess.CropWidth} px, {model.Dimension} dims), batch {batch}, {threads} threads, {Environment.ProcessorCount} cores");

        // Alternated three times, medians compared: this VM's speed drifts by 10 % from minute to minute.
        var photos = Directory.GetFiles(Path.Combine(flickr, "images-partial"), "*.jpg").Order(StringComparer.Ordinal).ToList();
        var encoderOnly = new List<double>();
        var endToEnd = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            encoderOnly.Add(EncoderOnly(model, photos, batch));
            endToEnd.Add((await IndexOnceAsync(model, photos, batch, threads, captions: null)).Rate);
        }

        var withCaptions = await IndexOnceAsync(model, photos, batch, threads, Path.Combine(flickr, "captions.txt"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {photos.Count} Flickr8k photos | encoder only {Statistics.Median(encoderOnly):0.0} photos/s ({string.Join(", ", encoderOnly.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))}) | end to end {Statistics.Median(endToEnd):0.0} photos/s ({string.Join(", ", endToEnd.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))}) | ratio {Statistics.Median(endToEnd) / Statistics.Median(encoderOnly):0.00} | with 5 captions each {withCaptions.Rate:0.0} photos/s |"));

        if (count == 0)
        {
            return 0; // the Flickr comparison only (for large models)
        }

        var generated = GeneratedPhotos(count);
        var root = Path.Combine(RepositoryPaths.BenchmarkData, $"index-{count}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var first = await TimedRunAsync(root, model, generated, threads);
        var rerun = await TimedRunAsync(root, model, generated, threads);
        Process.GetCurrentProcess().Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count:N0} generated photos | first run {first.Seconds:0.0} s = {count / first.Seconds:0.0} photos/s | no-change rerun {rerun.Seconds:0.00} s (embedded {rerun.Counts.Embedded}) | peak resident memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB |"));

        await SearchLatencyAsync(root, model, ["a red circle on a blue background", "green shapes", "photo 42", "a dog on a beach", "sunset over water", "yellow and purple"]);
        return 0;
    }

    /// <summary>The image encoder alone: every photo preprocessed beforehand, then encoded batch after batch.</summary>
    private static double EncoderOnly(ClipModel model, List<string> photos, int batchSize)
    {
        var decoder = new ImageDecoder(new ImagingOptions());
        var tensors = photos.Select(p =>
        {
            using var image = decoder.DecodeFile(p, model.Preprocessor.Options.ShortestEdge);
            var tensor = new float[model.Preprocessor.Options.TensorLength];
            model.Preprocessor.Preprocess(image, tensor);
            return tensor;
        }).ToList();
        var batch = model.Images.CreateBatch(batchSize);
        var output = new float[batchSize * model.Dimension];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < tensors.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, tensors.Count - start);
            for (var i = 0; i < n; i++)
            {
                tensors[start + i].CopyTo(batch.Slot(i));
            }

            model.Images.Encode(batch, n, output);
        }

        return tensors.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double Seconds)> IndexOnceAsync(ClipModel model, List<string> photos, int batch, int threads, string? captions)
    {
        var work = Directory.CreateTempSubdirectory("retrieval-bench-index-");
        try
        {
            var folder = Path.Combine(work.FullName, "photos");
            TestFiles.CopyAll(photos, folder);
            var (seconds, counts) = await TimedRunAsync(Path.Combine(work.FullName, "index"), model, folder, threads, captions);
            return (counts.Embedded / seconds, seconds);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The local backend of the index in <paramref name="root"/>.</summary>
    internal static IIndexBackend Backend(string root) => new LocalIndexBackend(new IndexPaths(root), new VectorStoreOptions());

    /// <summary>
    /// One index run of <paramref name="folder"/> into <paramref name="root"/>, <paramref name="model"/>'s batch size per encoder
    /// run, text and faces read when their readers are given.
    /// </summary>
    internal static async Task<(double Seconds, Catalog.IndexRunCounts Counts)> TimedRunAsync(string root, ClipModel model, string folder, int threads, string? captions = null,
        Ocr.PhotoTextReader? text = null, IFaceReader? faces = null, People.PeopleOptions? people = null)
    {
        var clock = Stopwatch.StartNew();
        var options = new IndexingOptions { Threads = threads };
        var analyzers = StandardAnalyzers.For(model, options, text, faces: faces, people: people);
        using var index = Backend(root).OpenForWriting(AnalyzerCollections.DeclaredBy(analyzers), reembed: false);
        var pipeline = new IndexingPipeline(index, analyzers, options, new ImagingOptions());
        var counts = await pipeline.RunAsync([folder], captions is null ? null : CaptionFile.Read(captions), null, CancellationToken.None);
        return (clock.Elapsed.TotalSeconds, counts);
    }

    /// <summary>Small distinct JPEGs (random coloured shapes, 96 x 64), in folders of 1,000, made once; another seed makes other photos.</summary>
    internal static string GeneratedPhotos(int count, int seed = 7)
    {
        var folder = Path.Combine(RepositoryPaths.BenchmarkData, seed == 7 ? $"generated-{count}" : $"generated-{count}-seed{seed}");
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done))
        {
            return folder;
        }

        var random = new Random(seed);
        using var bitmap = new SKBitmap(96, 64);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint();
        for (var i = 0; i < count; i++)
        {
            canvas.Clear(new SKColor((uint)random.Next() | 0xFF000000));
            for (var shape = 0; shape < 6; shape++)
            {
                paint.Color = new SKColor((uint)random.Next() | 0xFF000000);
                canvas.DrawCircle(random.Next(96), random.Next(64), random.Next(4, 30), paint);
            }

            var path = Path.Combine(folder, $"{i / 1000:D4}", $"photo_{i:D6}.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
            File.WriteAllBytes(path, data.ToArray());
        }

        File.WriteAllText(done, "");
        return folder;
    }

    /// <summary>Searches in process, query vectors embedded beforehand: the server-side time without the text encoder.</summary>
    internal static async Task SearchLatencyAsync(string root, ClipModel model, IReadOnlyList<string> texts, int k = 10, int scanThreads = 1)
    {
        using var index = Backend(root).OpenForReading();
        var photos = await index.Collection(Embedding.EmbeddingCollections.Images)!.Vectors.CountAsync();
        var searcher = new PhotoSearcher(index, new SearchOptions { ScanThreads = scanThreads });
        var vectors = model.Text.Encode(texts);
        foreach (var mode in (SearchMode[])[SearchMode.Vector, SearchMode.Keyword, SearchMode.Hybrid])
        {
            var times = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                var q = i % texts.Count;
                var clock = Stopwatch.StartNew();
                await searcher.SearchAsync(new SearchRequest { Query = new ParsedQuery { Text = texts[q] }, TextVector = vectors[q], Mode = mode, K = k });
                if (i >= 20)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds); // the first ones warm the JIT and the page cache
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| search {mode}, k = {k}, {photos:N0} photos, {scanThreads} scan thread{(scanThreads == 1 ? "" : "s")} | p50 {times[times.Count / 2]:0.00} ms | p99 {times[(int)(times.Count * 0.99)]:0.00} ms |"));
        }
    }
}
