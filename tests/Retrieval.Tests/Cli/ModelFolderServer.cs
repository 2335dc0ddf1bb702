using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Retrieval.Tests.Cli;

/// <summary>
/// A model folder served over HTTP on loopback, as a download source: GET with byte ranges, 404 for what is not
/// there, a <c>SHA256SUMS</c> file (with one sum falsified on request, or none at all), and a connection that breaks halfway
/// through one file the first time it is asked for. As a hub (<see cref="Hub"/>) it answers like Hugging Face
/// instead: the tree listing at <c>/api/models/REPO/tree/main</c> (SHA-256 for .onnx files as LFS, git blob SHA-1
/// for the rest, two entries a page, linked by <c>Link: rel="next"</c>), the files at <c>/REPO/resolve/main/PATH</c>.
/// </summary>
internal sealed class ModelFolderServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly Task _serving;
    private readonly HashSet<string> _broken = [];

    private readonly string? _repository;

    public ModelFolderServer(string folder, string name)
        : this(folder, name, repository: null)
    {
    }

    private ModelFolderServer(string folder, string name, string? repository)
    {
        _folder = folder;
        _repository = repository;
        var port = FreePort();
        Address = repository is null ? $"http://127.0.0.1:{port}/{name}/" : $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where files are: the folder's address, or (a hub) the hub's.</summary>
    public string Address { get; }

    /// <summary>Paths the hub's listing names beyond the folder's files (other runtimes' copies a pull must not fetch).</summary>
    public List<string> ExtraListing { get; } = [];

    /// <summary>The folder served as the hub repository <paramref name="repository"/> (owner/name).</summary>
    public static ModelFolderServer Hub(string folder, string repository) => new(folder, repository.Split('/')[1], repository);

    /// <summary>Files whose first download stops halfway, the connection cut.</summary>
    public HashSet<string> BreakOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the folder has a SHA256SUMS naming its files (false: a plain file server, nothing lists them).</summary>
    public bool ServesSums { get; set; } = true;

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
        var path = context.Request.Url!.AbsolutePath;
        if (_repository is not null && path == $"/api/models/{_repository}/tree/main")
        {
            ServeListing(context);
            return;
        }

        var prefix = _repository is null ? new Uri(Address).AbsolutePath : $"/{_repository}/resolve/main/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        var file = Uri.UnescapeDataString(path[prefix.Length..]);
        var range = context.Request.Headers["Range"];
        lock (Requests)
        {
            Requests.Add((file, range));
        }

        var response = context.Response;
        var body = file == "SHA256SUMS" && _repository is null ? (ServesSums ? Sums() : null) : Read(file);
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

    private void ServeListing(HttpListenerContext context)
    {
        var entries = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(path =>
        {
            var relative = Path.GetRelativePath(_folder, path).Replace('\\', '/');
            var bytes = File.ReadAllBytes(path);
            var entry = new System.Text.Json.Nodes.JsonObject { ["type"] = "file", ["path"] = relative, ["size"] = bytes.Length };
            if (relative.EndsWith(".onnx", StringComparison.Ordinal))
            {
                entry["oid"] = new string('f', 40);
                entry["lfs"] = new System.Text.Json.Nodes.JsonObject { ["oid"] = relative == FalseSum ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(bytes)), ["size"] = bytes.Length };
            }
            else
            {
                var header = System.Text.Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
#pragma warning disable CA5350 // git names a blob by its SHA-1: an identity the hub lists, not a protection
                entry["oid"] = relative == FalseSum ? new string('0', 40) : Convert.ToHexStringLower(SHA1.HashData([.. header, .. bytes]));
#pragma warning restore CA5350
            }

            return entry;
        }).Concat(ExtraListing.Select(p => new System.Text.Json.Nodes.JsonObject { ["type"] = "file", ["path"] = p, ["size"] = 1, ["oid"] = new string('e', 40) }))
        .Prepend(new System.Text.Json.Nodes.JsonObject { ["type"] = "directory", ["path"] = "onnx", ["oid"] = new string('d', 40), ["size"] = 0 })
        .OrderBy(e => (string)e["path"]!, StringComparer.Ordinal).ToList();
        var page = int.TryParse(context.Request.QueryString["cursor"], out var cursor) ? cursor : 0;
        const int PageSize = 2;
        if ((page + 1) * PageSize < entries.Count)
        {
            context.Response.Headers["Link"] = $"<{Address}api/models/{_repository}/tree/main?recursive=true&cursor={page + 1}>; rel=\"next\"";
        }

        var body = System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonArray([.. entries.Skip(page * PageSize).Take(PageSize)]).ToJsonString());
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
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
