using System.Diagnostics;
using System.Globalization;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Benchmarks.Vectors;

/// <summary>
/// A library that keeps changing, on the vector store directly (the indexer's writes without its models): PHOTOS
/// photos' image vectors and five caption vectors each, then ROUNDS index runs that each re-caption 10 % of the photos
/// (their caption vectors deleted, new ones added) and remove and add back another 10 % (image and captions deleted,
/// re-added under new ids, as the catalog never reuses one), committed 256 photos at a time as the indexer does. Run
/// with compaction off and on (<see cref="IVectorIndex.ReclaimAsync"/> at each run's end, as the indexer calls it), then
/// set against a fresh build of the same final library: file size, search p50, and the same answers.
/// Run: dotnet run -c Release --project tests/Retrieval.Benchmarks -- churn [PHOTOS=100000] [ROUNDS=10]
/// </summary>
internal static class ChurnBenchmark
{
    private const int Dimension = 512;
    private const int K = 20;
    private const int Queries = 61;
    private const int Warmup = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var photos = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var root = Path.Combine(RepositoryPaths.BenchmarkData, "churn");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Console.WriteLine($"# Churn: {photos:N0} photos ({Dimension}-d image + {ChurnLibrary.CaptionsPerPhoto} captions each), {rounds} runs of " +
            $"{ChurnLibrary.ChangedShare:P0} re-captioned + {ChurnLibrary.ChangedShare:P0} removed and re-added, {ChurnLibrary.CommitEvery} photos a commit, {Environment.ProcessorCount} cores");
        try
        {
            var off = await ChurnAsync(Path.Combine(root, "off"), photos, rounds, compact: false);
            var on = await ChurnAsync(Path.Combine(root, "on"), photos, rounds, compact: true);
            var watch = Stopwatch.StartNew();
            var fresh = await ChurnLibrary.BuildAsync(Path.Combine(root, "fresh"), on.Library);
            Console.WriteLine($"fresh build of the final library: {watch.Elapsed.TotalSeconds:0.0} s");
            // The compacted build last: the targets are checked on it.
            return Report([("fresh build", fresh), ("churned, compaction off", off.Stores), ("churned, compaction on", on.Stores)]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(ChurnStores Stores, ChurnLibrary Library)> ChurnAsync(string folder, int photos, int rounds, bool compact)
    {
        var watch = Stopwatch.StartNew();
        var library = new ChurnLibrary(photos);
        var stores = await ChurnLibrary.BuildAsync(folder, library);
        var build = watch.Elapsed.TotalSeconds;
        double compacting = 0;
        var compactions = 0;
        for (var round = 1; round <= rounds; round++)
        {
            await library.ChangeAsync(stores, round);
            var started = watch.Elapsed.TotalSeconds;
            foreach (var store in (VectorStore[])[stores.Images, stores.Captions])
            {
                compactions += compact && await store.ReclaimAsync() ? 1 : 0;
            }

            compacting += watch.Elapsed.TotalSeconds - started;
        }

        Console.WriteLine($"compaction {(compact ? "on" : "off")}: build {build:0.0} s, {rounds} runs {watch.Elapsed.TotalSeconds - build:0.0} s" +
            (compact ? $", of which {compactions} compactions {compacting:0.0} s" : ""));
        return (stores, library);
    }

    private static int Report(IReadOnlyList<(string Name, ChurnStores Stores)> rows)
    {
        var queries = ChurnLibrary.Vectors(ChurnLibrary.QuerySalt, 0, Queries);
        var times = rows.Select(_ => new List<double>()).ToArray();
        for (var q = 0; q < Queries; q++)
        {
            var query = queries.AsMemory(q * Dimension, Dimension);
            // Taken in turn, the order rotating, so the VM's drift falls on every build alike.
            for (var turn = 0; turn < rows.Count; turn++)
            {
                var row = (q + turn) % rows.Count;
                var time = Time(() => rows[row].Stores.Search(query.Span, K));
                if (q >= Warmup)
                {
                    times[row].Add(time);
                }
            }
        }

        var answers = rows.Select(r => Enumerable.Range(0, 5).Select(q => r.Stores.ExactIds(queries.AsSpan(q * Dimension, Dimension), K)).ToList()).ToList();
        var same = answers.All(a => a.Zip(answers[0]).All(p => p.First.SequenceEqual(p.Second)));

        var (freshBytes, freshAllocated) = rows[0].Stores.FileBytes();
        var freshP50 = Statistics.Median(times[0]);
        Console.WriteLine();
        Console.WriteLine($"| | images slots (live) | captions slots (live) | files | on disk | × fresh | search p50 (images + captions, k = {K}) | × fresh |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var compacted = (Size: 0.0, Time: 0.0);
        for (var r = 0; r < rows.Count; r++)
        {
            var stores = rows[r].Stores;
            var (bytes, allocated) = stores.FileBytes();
            var p50 = Statistics.Median(times[r]);
            Console.WriteLine($"| {rows[r].Name} | {stores.Images.SlotCount:N0} ({stores.Images.Count:N0}) | {stores.Captions.SlotCount:N0} ({stores.Captions.Count:N0}) " +
                $"| {bytes / 1e9:0.00} GB | {allocated / 1e9:0.00} GB | {(double)allocated / freshAllocated:0.00} | {p50 * 1e3:0.0} ms | {p50 / freshP50:0.00} |");
            compacted = r == rows.Count - 1 ? ((double)allocated / freshAllocated, p50 / freshP50) : compacted;
        }

        Console.WriteLine();
        Console.WriteLine($"files = their length (grown ahead in doubling steps, sparse); on disk = blocks allocated. Fresh build: {freshBytes / 1e9:0.00} GB of files.");
        Console.WriteLine($"same exact top-{K} from every build: {(same ? "yes" : "NO")}");
        var met = same && compacted.Size <= 1.25 && compacted.Time <= 1.10;
        Console.WriteLine($"compaction on: {compacted.Size:0.00} × fresh on disk (target ≤ 1.25), p50 {compacted.Time:0.00} × fresh (target ≤ 1.10): {(met ? "met" : "NOT MET")}");
        foreach (var (_, stores) in rows)
        {
            stores.Dispose();
        }

        return met ? 0 : 1;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
