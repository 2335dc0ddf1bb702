using BenchmarkDotNet.Running;
using Retrieval.Benchmarks.Duplicates;
using Retrieval.Benchmarks.Imaging;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Benchmarks.Vectors;
using Retrieval.Benchmarks.Web;

// dotnet run -c Release --project tests/Retrieval.Benchmarks -- --filter '*'   BenchmarkDotNet micro-benchmarks
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- store          the vector store against FAISS
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- store-open     opening the 1M store with and without checksum verification
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- index [MODEL]  the indexer end to end, and search latency
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- server [N]     the query server: search time, wrk under load
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- ocr [SIDE]       indexing with OCR off and on, and phone screenshots
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- search [N]     the server's search core alone (to compare builds)
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- duplicates [N] the near-duplicate pass over N photos (default 100,000)
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- churn [N] [R]  the vector store after R index runs of changes, compaction off and on
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- formats [N]    a 12 MP HEIC against heif-convert; N photos per format indexed
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- videos [S]     1080p clips of S/2 and S seconds: frame reading against FFmpeg alone, indexing rate
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- places [N]     offline reverse geocoding: load time, N lookups on one thread (uniform, near towns)
// dotnet run -c Release --project tests/Retrieval.Benchmarks -- faces          faces per second (ordinary and group photos), indexing with faces off and on
if (args.Length > 0 && args[0] == "store")
{
    return await StoreComparison.RunAsync(args);
}

if (args.Length > 0 && args[0] == "store-open")
{
    return await StoreComparison.RunOpenAsync(args);
}

if (args.Length > 0 && args[0] == "index")
{
    return await IndexBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "server")
{
    return await ServerBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "ocr")
{
    return await OcrBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "duplicates")
{
    return await DuplicateBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "churn")
{
    return await ChurnBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "formats")
{
    return await FormatBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "videos")
{
    return await Retrieval.Benchmarks.Video.VideoBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "places")
{
    return await Retrieval.Benchmarks.Places.PlaceBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "faces")
{
    return await Retrieval.Benchmarks.Faces.FaceBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "people")
{
    return await Retrieval.Benchmarks.Faces.PeopleBenchmark.RunAsync(args);
}

if (args.Length > 0 && args[0] == "search")
{
    return await ServerBenchmark.RunSearchCoreAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
