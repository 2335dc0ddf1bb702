using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>What a hostile client sends: bombs that declare enormous canvases in a few bytes, multipart bodies, raw slow requests.</summary>
internal static class HostileInputs
{
    /// <summary>A 35-byte GIF whose screen and frame declare <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] TinyGif(ushort width, ushort height)
    {
        var gif = new List<byte>("GIF89a"u8.ToArray());
        gif.AddRange(BitConverter.GetBytes(width));
        gif.AddRange(BitConverter.GetBytes(height));
        gif.AddRange([0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]); // a 2-colour global table
        gif.Add(0x2C); // image descriptor
        gif.AddRange([0, 0, 0, 0]);
        gif.AddRange(BitConverter.GetBytes(width));
        gif.AddRange(BitConverter.GetBytes(height));
        gif.Add(0x00);
        gif.AddRange([0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]); // minimal LZW data, then the trailer
        return [.. gif];
    }

    /// <summary>A multipart form with <paramref name="bytes"/> as the part <c>image</c>.</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "image", name);
        return form;
    }

    /// <summary>
    /// Opens a connection that sends a multipart upload's headers and then its body at <paramref name="bytesPerSecond"/>,
    /// until <paramref name="stop"/>; returns the status line the server answered with, or null when it just closed.
    /// </summary>
    public static async Task<string?> TrickleUploadAsync(Uri server, string path, int bytesPerSecond, CancellationToken stop)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, CancellationToken.None);
        var stream = tcp.GetStream();
        const string Boundary = "trickle";
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: 1000000\r\n\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"slow.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), CancellationToken.None);
        var chunk = new byte[Math.Max(1, bytesPerSecond / 10)];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(chunk, CancellationToken.None);
                await Task.Delay(100, CancellationToken.None);
                if (tcp.Available > 0)
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server cut the connection: what it said, if anything, is still to read.
        }

        return await StatusLineAsync(stream, TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// Sends a POST's headers (<paramref name="headers"/>, each ending in CRLF) announcing <paramref name="length"/>
    /// bytes of body, and none of the body; returns the status line the server answered with within
    /// <paramref name="wait"/>, or null when it said nothing.
    /// </summary>
    public static async Task<string?> HeadOnlyAsync(Uri server, string path, string headers, long length, TimeSpan wait)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, CancellationToken.None);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{headers}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), CancellationToken.None);
        return await StatusLineAsync(stream, wait);
    }

    /// <summary>The status line the server answers on <paramref name="stream"/> within <paramref name="wait"/>, or null.</summary>
    private static async Task<string?> StatusLineAsync(NetworkStream stream, TimeSpan wait)
    {
        var answer = new byte[256];
        try
        {
            using var read = new CancellationTokenSource(wait);
            var count = await stream.ReadAsync(answer, read.Token);
            return count > 0 ? Encoding.ASCII.GetString(answer, 0, count).Split("\r\n")[0] : null;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return null;
        }
    }
}
