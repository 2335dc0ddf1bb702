using System.Diagnostics;
using System.Globalization;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Duplicates;
using Retrieval.Imaging;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Benchmarks.Duplicates;

/// <summary>
/// The near-duplicate pass of <c>retrieval status --duplicates --near</c> over a library of COUNT photos (default
/// 100,000): the generated benchmark photos with the near-duplicate test set among them (its 192 edited copies must be
/// found among the 100,000, and nothing else paired). Signatures are made once (decoded from the files, as indexing
/// does) into benchmarks-data/pixels-COUNT; the pass itself reads them from the store, scans in batches, aligns the
/// candidates and groups them, median of 3. Then the check indexing makes per photo against that library.
/// Run: dotnet run -c Release --project tests/Retrieval.Benchmarks -- duplicates [COUNT]
/// </summary>
internal static class DuplicateBenchmark
{
    private const int CheckedPerChunk = 256;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var set = DuplicateTestSet.Load();
        var datasets = Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets");
        var setFiles = set.Files(datasets);
        var generated = Directory.EnumerateFiles(IndexBenchmark.GeneratedPhotos(count), "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Take(count - setFiles.Count).ToList();
        var files = generated.Concat(setFiles).ToList();
        var storePath = Path.Combine(RepositoryPaths.BenchmarkData, $"pixels-{count}");
        await BuildAsync(storePath, files);

        Console.WriteLine($"# Near-duplicate pass: {files.Count:N0} photos ({generated.Count:N0} generated, {setFiles.Count:N0} of the test set), {Environment.ProcessorCount} cores");
        using var store = VectorStore.Open(storePath);
        var times = new List<double>();
        IReadOnlyList<(long First, long Second, float Similarity)> pairs = [];
        IReadOnlyList<(long Id, float[] Signature)> signatures = [];
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            signatures = await NearDuplicatePairs.SignaturesAsync(store, Enumerable.Range(0, files.Count).Select(i => (long)i), CancellationToken.None);
            pairs = await new NearDuplicatePairs(store, new NearDuplicateOptions()).FindAsync(signatures, CancellationToken.None);
            DuplicateGroups.Originals(pairs, _ => 0, id => id);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        var names = files.Select(Path.GetFileName).ToList();
        var grouped = pairs.Select(p => (A: names[(int)p.First]!, B: names[(int)p.Second]!)).ToList();
        var wrong = grouped.Count(p => set.ShotOf(p.A) != set.ShotOf(p.B));
        var pairedCopies = set.Copies.Count(c => grouped.Any(p => (p.A == c.Copy && set.ShotOf(p.B) == c.Original) || (p.B == c.Copy && set.ShotOf(p.A) == c.Original)));
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| full pass | {times[1]:0.0} s (median of 3: {string.Join(", ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}) | {pairs.Count:N0} pairs | test-set copies paired {pairedCopies}/{set.Copies.Count} | pairs of distinct shots {wrong} |"));

        // The scan alone: no candidate reaches a floor above 1, so nothing is aligned.
        var scan = Stopwatch.StartNew();
        await new NearDuplicatePairs(store, new NearDuplicateOptions { CandidateFloor = 2 }).FindAsync(signatures, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| of which the batched scan | {scan.Elapsed.TotalSeconds:0.0} s | | | |"));

        // What indexing adds per photo: a chunk of new photos checked against the whole library.
        var chunk = signatures.TakeLast(CheckedPerChunk).ToList();

        var checks = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            await new NearDuplicatePairs(store, new NearDuplicateOptions()).FindAsync(chunk, CancellationToken.None);
            checks.Add(clock.Elapsed.TotalMilliseconds / CheckedPerChunk);
        }

        checks.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| indexing check | {checks[2]:0.00} ms per photo (a chunk of {CheckedPerChunk} against {files.Count:N0}, median of 5) | | | |"));
        return 0;
    }

    /// <summary>Decodes every photo as indexing does and stores its signature, by its position in <paramref name="files"/>.</summary>
    private static async Task BuildAsync(string storePath, List<string> files)
    {
        if (Directory.Exists(storePath))
        {
            using var existing = VectorStore.Open(storePath);
            if (existing.Count == files.Count)
            {
                return;
            }
        }

        if (Directory.Exists(storePath))
        {
            Directory.Delete(storePath, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        var decoder = new ImageDecoder(new ImagingOptions());
        var signatures = new float[files.Count][];
        Parallel.For(0, files.Count, i =>
        {
            using var image = decoder.DecodeFile(files[i], 224);
            signatures[i] = PixelSignature.Of(image);
        });
        using var store = VectorStore.OpenOrCreate(storePath, PixelSignature.Length, PixelSignature.Version);
        const int Batch = 8192;
        for (var start = 0; start < files.Count; start += Batch)
        {
            var n = Math.Min(Batch, files.Count - start);
            await store.UpsertAsync([.. Enumerable.Range(start, n).Select(i => (long)i)], signatures.Skip(start).Take(n).SelectMany(s => s).ToArray());
        }

        Console.WriteLine($"signatures of {files.Count:N0} photos made in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
