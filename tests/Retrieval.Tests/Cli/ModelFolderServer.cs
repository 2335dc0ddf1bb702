using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Retrieval.Tests.Cli;

/// <summary>
/// A model folder served over HTTP on loopback, as a download source: GET with byte ranges, 404 for what is not
/// there, a <c>SHA256SUMS</c> file (with one sum falsified on request), and a connection that breaks halfway
/// through one file the first time it is asked for.
/// </summary>
internal sealed class ModelFolderServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly Task _serving;
    private readonly HashSet<string> _broken = [];

    public ModelFolderServer(string folder, string name)
    {
        _folder = folder;
        var port = FreePort();
        Address = $"http://127.0.0.1:{port}/{name}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Address { get; }

    /// <summary>Files whose first download stops halfway, the connection cut.</summary>
    public HashSet<string> BreakOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>A file whose SHA256SUMS line is wrong.</summary>
    public string? FalseSum { get; set; }

    /// <summary>Lines added to SHA256SUMS as they are (a hostile listing).</summary>
    public List<string> ExtraSumLines { get; } = [];

    /// <summary>Every request: the file and its Range header.</summary>
    public List<(string File, string? Range)> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Serve(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away: nothing to answer.
            }
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var file = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath[new Uri(Address).AbsolutePath.Length..]);
        var range = context.Request.Headers["Range"];
        lock (Requests)
        {
            Requests.Add((file, range));
        }

        var response = context.Response;
        var body = file == "SHA256SUMS" ? Sums() : Read(file);
        if (body is null)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        var start = range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) ? long.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture) : 0;
        response.StatusCode = start > 0 ? 206 : 200;
        response.ContentLength64 = body.Length - start;
        if (start > 0)
        {
            response.Headers["Content-Range"] = $"bytes {start}-{body.Length - 1}/{body.Length}";
        }

        if (BreakOnce.Contains(file) && _broken.Add(file))
        {
            response.OutputStream.Write(body, (int)start, (int)((body.Length - start) / 2));
            response.OutputStream.Flush();
            response.Abort(); // the connection is cut mid-file
            return;
        }

        response.OutputStream.Write(body, (int)start, (int)(body.Length - start));
        response.Close();
    }

    private byte[]? Read(string file)
    {
        var path = Path.GetFullPath(Path.Combine(_folder, file));
        return path.StartsWith(_folder, StringComparison.Ordinal) && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private byte[] Sums() => System.Text.Encoding.ASCII.GetBytes(string.Concat(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(path =>
    {
        var relative = Path.GetRelativePath(_folder, path).Replace('\\', '/');
        var sum = relative == FalseSum ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return $"{sum}  {relative}\n";
    }).Concat(ExtraSumLines.Select(line => line + "\n"))));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
