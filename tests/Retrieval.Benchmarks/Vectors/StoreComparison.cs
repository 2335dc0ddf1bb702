using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Benchmarks.Vectors;

/// <summary>
/// The vector store against FAISS IndexFlatIP on the same 1M x 512 vectors (random, unit length, fixed
/// seed) and the same queries, in one run, at 1 and 2 threads: single queries and batches of 32, recall@10
/// of the int8 + re-rank path, scan rate beside the measured read bandwidth, open time and resident memory.
/// Run: dotnet run -c Release --project tests/Retrieval.Benchmarks -- store [COUNT] [DIMENSION]
/// </summary>
internal static class StoreComparison
{
    private const int K = 10;
    private const int QueryCount = 320;
    private const int Batch = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var (count, dimension, name, vectorsPath, storePath) = await PrepareAsync(args);
        var data = RepositoryPaths.BenchmarkData;
        var queriesPath = Path.Combine(data, $"queries-{name}.f32");
        WriteRandomVectors(queriesPath, QueryCount, dimension, seed: 2);
        var queries = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(queriesPath)).ToArray();

        var rawBytes = (double)count * dimension * 5; // float32 + int8
        Console.WriteLine($"# Vector store vs FAISS IndexFlatIP: {count:N0} x {dimension}, k = {K}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"single-thread read bandwidth: {ReadBandwidth(1):0.0} GB/s; two threads: {ReadBandwidth(2):0.0} GB/s");
        using (var int8 = new MappedColumn(Directory.GetFiles(storePath, "*.i8").Single()))
        {
            Console.WriteLine($"the int8 column read through its file mapping, as the scan reads it: one thread {int8.Read(1):0.0} GB/s; two threads: {int8.Read(2):0.0} GB/s");
        }

        ReportOpen(storePath, count, dimension, runs: 5);

        var truth = ExactTruth(storePath, queries, dimension);
        var exactIdsPath = Path.Combine(data, $"exact-ids-{name}.i64");
        File.WriteAllBytes(exactIdsPath, MemoryMarshal.AsBytes(truth.SelectMany(ids => ids).ToArray().AsSpan()).ToArray());

        Console.WriteLine();
        Console.WriteLine("| threads | engine | mode | single q/s | scan GB/s | of the column's read (median) | batch-32 q/s | recall@10 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var threads in (int[])[1, 2])
        {
            using var store = VectorStore.Open(storePath, new VectorStoreOptions { SearchThreads = threads });
            var ours = new Dictionary<ScanMode, (double Single, double Batch)>();
            foreach (var mode in (ScanMode[])[ScanMode.ExactFloat32, ScanMode.Int8Rerank])
            {
                var singles = mode == ScanMode.ExactFloat32 ? 12 : 64;
                var bytesPerQuery = (double)count * dimension * (mode == ScanMode.ExactFloat32 ? 4 : 1);
                store.Search(queries.AsSpan(0, dimension), K, new VectorSearchOptions { Mode = mode }); // warm the page cache
                var found = new List<long[]>();
                var times = new List<double>();
                // The machine's speed drifts (a VM): each query's scan rate is set against a read of the same column
                // through its mapping made just before, and the median of those shares reported.
                using var column = new MappedColumn(Directory.GetFiles(storePath, mode == ScanMode.ExactFloat32 ? "*.f32" : "*.i8").Single());
                var shares = new List<double>();
                for (var q = 0; q < singles; q++)
                {
                    var limit = q % 4 == 0 || shares.Count == 0 ? column.ReadOnce(threads) : shares[^1];
                    long[] ids = [];
                    var time = Time(() => ids = [.. store.Search(queries.AsSpan(q * dimension, dimension), K, new VectorSearchOptions { Mode = mode }).Select(h => h.Id)]);
                    times.Add(time);
                    shares.Add(limit);
                    found.Add(ids);
                }

                var share = Statistics.Median([.. times.Select((t, i) => bytesPerQuery / t / 1e9 / shares[i])]);

                var batchTimes = Enumerable.Range(0, mode == ScanMode.ExactFloat32 ? 3 : 5)
                    .Select(b => Time(() => store.SearchBatch(queries.AsSpan(b * Batch * dimension, Batch * dimension), Batch, K, new VectorSearchOptions { Mode = mode }))).ToList();
                var recall = found.Select((ids, q) => (double)ids.Intersect(truth[q]).Count() / K).Average();
                var single = 1 / Statistics.Median(times);
                ours[mode] = (single, Batch / Statistics.Median(batchTimes));
                Console.WriteLine($"| {threads} | VectorStore | {mode} | {single:0.0} | {single * bytesPerQuery / 1e9:0.0} | {share:P0} | {Batch / Statistics.Median(batchTimes):0.0} | {recall:0.000} |");
            }

            Console.WriteLine($"| | | resident memory after both modes: {ResidentBytes() / 1e9:0.00} GB = {ResidentBytes() / rawBytes:0.00} x the raw float32 + int8 bytes | | | | | |");
            var faiss = RunFaiss(vectorsPath, queriesPath, dimension, threads, exactIdsPath);
            Console.WriteLine($"| {threads} | FAISS {faiss.GetProperty("faiss").GetString()} IndexFlatIP | exact float32 | {faiss.GetProperty("single_qps").GetDouble():0.0} | " +
                $"{faiss.GetProperty("single_qps").GetDouble() * count * dimension * 4 / 1e9:0.0} | | {faiss.GetProperty("batch32_qps").GetDouble():0.0} | " +
                $"{faiss.GetProperty("agreement_with_exact").GetDouble():0.000} |");
            foreach (var (mode, (single, batch)) in ours)
            {
                Console.WriteLine($"| {threads} | ratio VectorStore {mode} / FAISS | | {single / faiss.GetProperty("single_qps").GetDouble():0.0}x | | | " +
                    $"{batch / faiss.GetProperty("batch32_qps").GetDouble():0.00}x | |");
            }
        }

        return 0;
    }

    /// <summary>
    /// Opening the store with its checksums verified (the default) and without, page cache warm, median of
    /// <c>RUNS</c> (default 9) each. Run: dotnet run -c Release --project tests/Retrieval.Benchmarks -- store-open [COUNT] [DIMENSION] [RUNS]
    /// </summary>
    public static async Task<int> RunOpenAsync(string[] args)
    {
        var (count, dimension, _, _, storePath) = await PrepareAsync(args);
        ReportOpen(storePath, count, dimension, runs: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 9);
        return 0;
    }

    /// <summary>The store of COUNT (default 1M) random vectors of DIMENSION (default 512), built once and kept in the benchmark data.</summary>
    private static async Task<(int Count, int Dimension, string Name, string VectorsPath, string StorePath)> PrepareAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var dimension = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512;
        var data = RepositoryPaths.BenchmarkData;
        Directory.CreateDirectory(data);
        var name = $"{count / 1000}k-{dimension}";
        var vectorsPath = Path.Combine(data, $"vectors-{name}.f32");
        var storePath = Path.Combine(data, $"store-{name}");
        WriteRandomVectors(vectorsPath, count, dimension, seed: 1);
        await BuildStoreAsync(storePath, vectorsPath, count, dimension);
        return (count, dimension, name, vectorsPath, storePath);
    }

    private static void ReportOpen(string storePath, int count, int dimension, int runs)
    {
        VectorStore.Open(storePath).Dispose(); // the files into the page cache, as a restarted server finds them
        var bytes = (double)count * ((dimension * 5) + 12);
        foreach (var verify in (bool[])[true, false])
        {
            var times = Enumerable.Range(0, runs).Select(_ => Time(() => VectorStore.Open(storePath, new VectorStoreOptions { VerifyOnOpen = verify }).Dispose())).ToList();
            Console.WriteLine(verify
                ? $"open with checksum verification (the default): {Statistics.Median(times) * 1000:0.0} ms, median of {runs} (min {times.Min() * 1000:0.0}, max {times.Max() * 1000:0.0}; {bytes / Statistics.Median(times) / 1e9:0.0} GB/s over {bytes / 1e9:0.00} GB, {Environment.ProcessorCount} cores)"
                : $"open without verification: {Statistics.Median(times) * 1000:0.00} ms, median of {runs}");
        }
    }

    private static void WriteRandomVectors(string path, int count, int dimension, int seed)
    {
        if (File.Exists(path) && new FileInfo(path).Length == (long)count * dimension * 4)
        {
            return;
        }

        var random = new Random(seed);
        var row = new float[dimension];
        using var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                row[j] = (float)((random.NextDouble() * 2) - 1);
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            file.Write(MemoryMarshal.AsBytes(row.AsSpan()));
        }

        file.Close();
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static async Task BuildStoreAsync(string storePath, string vectorsPath, int count, int dimension)
    {
        if (Directory.Exists(storePath))
        {
            using var existing = VectorStore.Open(storePath);
            if (existing.Count == count)
            {
                return;
            }
        }

        if (Directory.Exists(storePath))
        {
            Directory.Delete(storePath, recursive: true);
        }

        var watch = Stopwatch.StartNew();
        using var store = VectorStore.Create(storePath, dimension, "random");
        const int Chunk = 16_384;
        var buffer = new byte[Chunk * dimension * 4];
        using var input = File.OpenRead(vectorsPath);
        for (var start = 0; start < count; start += Chunk)
        {
            var n = Math.Min(Chunk, count - start);
            input.ReadExactly(buffer, 0, n * dimension * 4);
            var ids = Enumerable.Range(start, n).Select(i => (long)i).ToArray();
            await store.UpsertAsync(ids, MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, n * dimension * 4)).ToArray());
        }

        Console.WriteLine($"built the store: {count:N0} vectors in {watch.Elapsed.TotalSeconds:0.0} s ({count / watch.Elapsed.TotalSeconds:N0} vectors/s)");
    }

    private static List<long[]> ExactTruth(string storePath, float[] queries, int dimension)
    {
        using var store = VectorStore.Open(storePath);
        var truth = new List<long[]>();
        for (var b = 0; b < QueryCount / Batch; b++)
        {
            truth.AddRange(store.SearchBatch(queries.AsSpan(b * Batch * dimension, Batch * dimension), Batch, K, VectorSearchOptions.Exact)
                .Select(hits => hits.Select(h => h.Id).ToArray()));
        }

        return truth;
    }

    private static JsonElement RunFaiss(string vectors, string queries, int dimension, int threads, string exactIds)
    {
        // Older OpenBLAS builds need these on some CPUs, and they slow a current one: unset for this run only.
        var (_, output, _) = ChildProcess.RunAsync("/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "tools", "bench_faiss.py"), vectors, queries, $"{dimension}", $"{threads}", "12", "3", exactIds],
            new Dictionary<string, string?>
            {
                ["OPENBLAS_CORETYPE"] = null,
                ["OPENBLAS_L2_SIZE"] = null,
                ["OMP_NUM_THREADS"] = $"{threads}",
                ["OPENBLAS_NUM_THREADS"] = $"{threads}",
            }, TimeSpan.FromHours(2)).GetAwaiter().GetResult();
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
    }

    /// <summary>Reads a 1 GiB buffer with the widest vectors, split over <paramref name="threads"/>: the scan's physical limit.</summary>
    private static unsafe double ReadBandwidth(int threads)
    {
        const long Bytes = 1L << 30;
        var buffer = (byte*)NativeMemory.AlignedAlloc((nuint)Bytes, 64);
        try
        {
            new Span<byte>(buffer, (int)Bytes).Fill(1);
            return ReadBandwidth(buffer, Bytes, threads);
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    private static unsafe double ReadBandwidth(byte* buffer, long bytes, int threads) =>
        Statistics.Median([.. Enumerable.Range(0, 5).Select(_ => ReadOnce(buffer, bytes, threads))]);

    /// <summary>One read of <paramref name="bytes"/> from <paramref name="buffer"/> with the widest vectors, split over <paramref name="threads"/>, in GB/s.</summary>
    private static unsafe double ReadOnce(byte* buffer, long bytes, int threads) =>
        bytes / 1e9 / Time(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var start = (Vector512<int>*)(buffer + (bytes * t / threads / 256 * 256));
                var end = (Vector512<int>*)(buffer + (bytes * (t + 1) / threads / 256 * 256));
                Vector512<int> a = default, b = default, c = default, d = default;
                for (var p = start; p < end; p += 4)
                {
                    a += p[0];
                    b += p[1];
                    c += p[2];
                    d += p[3];
                }

                GC.KeepAlive(Vector512.Sum(a + b + c + d));
            }));

    /// <summary>A column file of the store mapped as the scan maps it (page-cache pages, not the allocator's): the limit of that very read.</summary>
    private sealed unsafe class MappedColumn : IDisposable
    {
        private readonly System.IO.MemoryMappedFiles.MemoryMappedFile _file;
        private readonly System.IO.MemoryMappedFiles.MemoryMappedViewAccessor _view;
        private readonly byte* _pointer;
        private readonly long _bytes;

        public MappedColumn(string path)
        {
            _bytes = new FileInfo(path).Length / 256 * 256;
            _file = System.IO.MemoryMappedFiles.MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, 0, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _pointer = pointer;
            ReadOnce(1); // a new mapping faults its pages in on the first read: not what a scan of a mapped store pays
        }

        /// <summary>The median of five reads, GB/s.</summary>
        public double Read(int threads) => ReadBandwidth(_pointer, _bytes, threads);

        public double ReadOnce(int threads) => StoreComparison.ReadOnce(_pointer, _bytes, threads);

        public void Dispose()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
