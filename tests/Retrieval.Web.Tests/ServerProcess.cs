using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The server as users run it: its own process, listening on a loopback port, over a temporary index that it
/// builds on first start from a copy of the sample photos. For the browser tests and the hostile-client suite,
/// which need a real socket and the server's own memory and files.
/// </summary>
/// <remarks>
/// <c>RETRIEVAL_TEST_SERVER_DLL</c> names another build of the server to run instead (an older one, to show that a
/// hostile-client test fails there); it is given the older configuration names too.
/// </remarks>
public class ServerProcess : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-server-");
    private ChildProcess? _process;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The folder everything of this server lives in (deleted with it).</summary>
    public string Folder => _folder.FullName;

    public string PhotoFolder => Path.Combine(Folder, "photos");

    public virtual string IndexFolder => Path.Combine(Folder, "index");

    /// <summary>The running server.</summary>
    public ChildProcess Process => _process ?? throw new InvalidOperationException("not started");

    /// <summary>The API key the fixture's own requests carry, if the server has one.</summary>
    public virtual string? Key => null;

    /// <summary>The model the server runs.</summary>
    protected virtual string ModelPath => RepositoryPaths.DefaultModel;

    /// <summary>More environment for the server, for subclasses.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    /// <summary>The address to listen on, given a free port.</summary>
    protected virtual string Listen(int port) => $"http://127.0.0.1:{port}";

    public virtual async ValueTask InitializeAsync()
    {
        TestServer.CopySamples(PhotoFolder);
        var added = await AddPhotosAsync(PhotoFolder);
        await StartAsync();
        await WaitForPhotosAsync(TestServer.Photos.Length + added);
    }

    /// <summary>Photos beside the samples, for subclasses; returns how many of them index (the rest fail, as meant).</summary>
    protected virtual Task<int> AddPhotosAsync(string folder) => Task.FromResult(0);

    /// <summary>Starts the server process (without waiting for it to answer).</summary>
    protected Task StartAsync()
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        var environment = new Dictionary<string, string?>
        {
            ["Retrieval__Index__Root"] = IndexFolder,
            ["Retrieval__Server__Samples"] = PhotoFolder,
            ["Retrieval__Model__Path"] = ModelPath,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var server = Path.Combine(AppContext.BaseDirectory, "Retrieval.Web.dll");
        if (System.Environment.GetEnvironmentVariable("RETRIEVAL_TEST_SERVER_DLL") is { Length: > 0 } other)
        {
            server = other;
            environment["Retrieval__Server__Index"] = IndexFolder;
            environment["Retrieval__Server__Model"] = ModelPath;
        }

        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        _process = ChildProcess.Start(server, ["--urls", Listen(port)], environment);
        return Task.CompletedTask;
    }

    /// <summary>A client of this server (with its key, if it has one).</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (Key is { } key)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>Waits until the server answers with <paramref name="photos"/> photos indexed and no run going.</summary>
    public async Task WaitForPhotosAsync(long photos)
    {
        using var client = CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken);
                if (status.GetProperty("photos").GetInt64() == photos && !status.GetProperty("indexing").GetProperty("running").GetBoolean())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 600 && !Process.HasExited)
            {
                // Not listening yet.
            }

            if (attempt >= 600 || Process.HasExited)
            {
                throw new InvalidOperationException($"the server at {Address} did not come up with {photos} photos indexed: {Process.Stderr}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The server's resident memory now and at its peak so far, in bytes (Linux).</summary>
    public (long Now, long Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{Process.Id}/status");
        long Read(string field) => long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public virtual ValueTask DisposeAsync()
    {
        _process?.Dispose();
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The server in its own process, with requests timing out after a millisecond.</summary>
public sealed class ImpatientServerProcess : ServerProcess
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["Retrieval__Server__RequestTimeout"] = "00:00:00.001" };
}
