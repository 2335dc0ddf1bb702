using System.Diagnostics;
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
    private Process? _process;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string PhotoFolder => Path.Combine(_folder.FullName, "photos");

    /// <summary>More environment for the server, for subclasses.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        TestServer.CopySamples(PhotoFolder);

        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "Retrieval.Web.dll"), "--urls", Address.ToString().TrimEnd('/'),
            "--contentRoot", Path.Combine(RepositoryPaths.Root, "web")])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Retrieval__Server__Index"] = Path.Combine(_folder.FullName, "index");
        start.Environment["Retrieval__Server__Samples"] = PhotoFolder;
        start.Environment["Retrieval__Server__Model"] = RepositoryPaths.DefaultModel;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

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
                throw new InvalidOperationException($"the server at {Address} did not come up with its photos indexed");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
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
