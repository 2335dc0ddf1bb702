using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Benchmarks.Web;

/// <summary>
/// The query server under load, one command (needs ../shared, wrk and the web project built in Release):
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- server [GENERATED=100000] [SECONDS=60]
/// 1. An index of GENERATED small generated photos plus the 1,000 Flickr8k photos with their captions, with the
///    default model (built once into benchmarks-data/server-index-N).
/// 2. Server-side search time without the text encoder: in process, query vectors embedded beforehand, the
///    Flickr8k test captions as queries, k = 20 (the page's), one scan thread (the server's default under load),
///    then two: p50 and p99 per mode.
/// 3. The server in its own process on that index, and wrk for SECONDS at 32 connections on /api/search
///    (the Flickr8k test captions in turn, hybrid, text encoder included): requests/s, p50, p99, errors.
/// 4. The same while an indexer writes 20,000 new photos into the index from another process (this one).
/// </summary>
internal static partial class ServerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (count, seconds) = Arguments(args);
        var (model, root, queries) = await PrepareAsync(count);
        using var _ = model;
        await SearchCoreAsync(root, model, queries);

        var port = FreePort();
        using var server = StartServer(root, port);
        try
        {
            await WaitUntilUpAsync(port);
            var script = Path.Combine(RepositoryPaths.BenchmarkData, "wrk-queries.lua");
            await File.WriteAllTextAsync(script, WrkScript(queries));
            Console.WriteLine(Wrk(port, seconds, script, "idle index"));

            var writer = IndexBenchmark.GeneratedPhotos(20_000, seed: 11);
            var writing = Task.Run(() => IndexBenchmark.TimedRunAsync(root, model, writer, 1));
            Console.WriteLine(Wrk(port, seconds, script, "while an indexer writes"));
            var (writeSeconds, counts) = await writing;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the indexer meanwhile: {counts.Embedded:N0} photos embedded in {writeSeconds:0} s |"));
        }
        finally
        {
            await server.KillAsync();
            // The written photos go again, so the next run starts from the same index.
            using var index = IndexBenchmark.Backend(root).OpenForMaintenance();
            await PhotoRemoval.RemoveAsync(index, [IndexBenchmark.GeneratedPhotos(20_000, seed: 11)], CancellationToken.None);
        }

        return 0;
    }

    /// <summary>
    /// Step 2 alone, for comparing builds (run it alternately from two worktrees sharing benchmarks-data):
    ///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- search [GENERATED=100000]
    /// </summary>
    public static async Task<int> RunSearchCoreAsync(string[] args)
    {
        var (model, root, queries) = await PrepareAsync(Arguments(args).Count);
        using var _ = model;
        await SearchCoreAsync(root, model, queries);
        return 0;
    }

    private static (int Count, int Seconds) Arguments(string[] args) =>
        (args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60);

    private static async Task SearchCoreAsync(string root, ClipModel model, List<string> queries)
    {
        await IndexBenchmark.SearchLatencyAsync(root, model, queries, k: 20);
        await IndexBenchmark.SearchLatencyAsync(root, model, queries, k: 20, scanThreads: 2);
    }

    /// <summary>The default model, the index of <paramref name="count"/> generated photos plus Flickr8k (built on first use), and the queries.</summary>
    private static async Task<(ClipModel Model, string Root, List<string> Queries)> PrepareAsync(int count)
    {
        var flickr = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "flickr8k-224"));
        var captions = File.ReadAllLines(Path.Combine(flickr, "captions.txt"));
        var test = File.ReadAllLines(Path.Combine(flickr, "test.txt")).ToHashSet(StringComparer.Ordinal);
        var queries = captions.Select(l => l.Split('\t')).Where(p => p.Length == 2 && test.Contains(p[0].Split('#')[0])).Select(p => p[1].Trim()).Take(200).ToList();

        var model = TestModels.Default(threads: 2);
        var root = Path.Combine(RepositoryPaths.BenchmarkData, $"server-index-{count}");
        var ready = Path.Combine(root, ".benchmark-ready");
        if (!File.Exists(ready))
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            var generated = IndexBenchmark.GeneratedPhotos(count);
            var (first, _) = await IndexBenchmark.TimedRunAsync(root, model, generated, 2);
            var (second, _) = await IndexBenchmark.TimedRunAsync(root, model, Path.Combine(flickr, "images-partial"), 2, Path.Combine(flickr, "captions.txt"));
            await File.WriteAllTextAsync(ready, "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| built the index: {count:N0} generated photos in {first:0} s, 1,000 Flickr8k photos with captions in {second:0} s |"));
        }

        Console.WriteLine($"# Server benchmark: {count:N0} generated + 1,000 Flickr8k photos, model {model.Manifest.Id} ({model.Dimension} dims), {Environment.ProcessorCount} cores");
        return (model, root, queries);
    }

    private static ChildProcess StartServer(string root, int port)
    {
        var web = Path.Combine(RepositoryPaths.Root, "web", "bin", "Release", "net10.0", "Retrieval.Web.dll");
        if (!File.Exists(web))
        {
            throw new InvalidOperationException($"{web} is missing: dotnet build web -c Release");
        }

        return ChildProcess.Start(web, ["--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(RepositoryPaths.Root, "web")], new Dictionary<string, string?>
        {
            ["Retrieval__Index__Root"] = root,
            ["Retrieval__Model__Path"] = RepositoryPaths.DefaultModel,
            ["Retrieval__Server__IndexSamplesOnFirstStart"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });
    }

    private static async Task WaitUntilUpAsync(int port)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the server did not start");
    }

    private static string Wrk(int port, int seconds, string script, string label)
    {
        var (_, output, _) = ChildProcess.RunAsync("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, $"http://127.0.0.1:{port}/api/search"],
            timeout: TimeSpan.FromSeconds(seconds + 60)).GetAwaiter().GetResult();
        string Find(Regex pattern) => pattern.Match(output) is { Success: true } m ? m.Groups[1].Value : "?";
        var errors = Find(NonSuccess()) is var bad && bad == "?" ? "0" : bad;
        var socket = Find(SocketErrors()) is var s && s == "?" ? "none" : s;
        return $"| wrk {seconds} s, 32 connections, /api/search (hybrid, k = 20), {label} | {Find(Rate())} requests/s | p50 {Find(P50())} | p99 {Find(P99())} | non-2xx {errors} | socket errors {socket} |";
    }

    private static string WrkScript(IReadOnlyList<string> queries) =>
        "local queries = {" + string.Join(",", queries.Select(q => $"\"{Uri.EscapeDataString(q)}\"")) + "}\n"
        + "local i = 0\nrequest = function()\n  i = i % #queries + 1\n  return wrk.format(\"GET\", \"/api/search?k=20&q=\" .. queries[i])\nend\n";

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"\s50%\s+([\d.]+\w+)")]
    private static partial Regex P50();

    [GeneratedRegex(@"\s99%\s+([\d.]+\w+)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:\s+(.+)")]
    private static partial Regex SocketErrors();
}
