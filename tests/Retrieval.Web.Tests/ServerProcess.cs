using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The server as users run it: its own process, listening on a loopback port, over a temporary index that it
/// builds on first start from a copy of the sample photos. For the browser tests, which need a real socket.
/// </summary>
public class ServerProcess : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-browser-");
    private ChildProcess? _process;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string PhotoFolder => Path.Combine(_folder.FullName, "photos");

    /// <summary>More environment for the server, for subclasses.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        TestServer.CopySamples(PhotoFolder);

        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var environment = new Dictionary<string, string?>
        {
            ["Retrieval__Index__Root"] = Path.Combine(_folder.FullName, "index"),
            ["Retrieval__Server__Samples"] = PhotoFolder,
            ["Retrieval__Model__Path"] = RepositoryPaths.DefaultModel,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        _process = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "Retrieval.Web.dll"),
            ["--urls", Address.ToString().TrimEnd('/'), "--contentRoot", Path.Combine(RepositoryPaths.Root, "web")], environment);

        using var client = new HttpClient { BaseAddress = Address };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken));
                if (status.RootElement.GetProperty("photos").GetInt64() == TestServer.Photos.Length && !status.RootElement.GetProperty("indexing").GetProperty("running").GetBoolean())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 600 && !_process.HasExited)
            {
                // Not listening yet.
            }

            if (attempt >= 600 || _process.HasExited)
            {
                throw new InvalidOperationException($"the server at {Address} did not come up with its photos indexed: {_process.Stderr}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync()
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
