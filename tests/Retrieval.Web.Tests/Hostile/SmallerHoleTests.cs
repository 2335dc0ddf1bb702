using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>A server whose folder for request buffers (ASPNETCORE_TEMP) is its own, so the test can see whether uploads land on disk.</summary>
public sealed class TempWatchedServer : HostileServer
{
    public string Temporary => Path.Combine(Folder, "tmp");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ASPNETCORE_TEMP"] = Temporary };

    public override ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Temporary);
        return base.InitializeAsync();
    }
}

/// <summary>
/// The smaller holes: an offset that overflows the bound, the longest query the page allows in Chinese, an upload
/// buffered to a temporary file, a form of 2,000 fields. Each gets the documented answer, as problem details.
/// </summary>
public sealed class SmallerHoleTests(TempWatchedServer server) : IClassFixture<TempWatchedServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOverflowingOffset_Is400()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/search?q=cake&offset=2147483647", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "offset must be");
    }

    [Fact]
    public async Task TheLongestQueryInChinese_IsAnswered()
    {
        using var client = server.CreateClient();
        var query = string.Concat(Enumerable.Repeat("今天晚上我们去吃火锅吧", 91))[..1000];
        using var response = await client.GetAsync(new Uri($"/api/search?q={Uri.EscapeDataString(query)}&mode=keyword", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var longer = await client.GetAsync(new Uri($"/api/search?q={Uri.EscapeDataString(query + "吧")}&mode=keyword", UriKind.Relative), _ct);
        await SearchApiTests.AssertProblemAsync(longer, HttpStatusCode.BadRequest, "at most 1000");
    }

    [Fact]
    public async Task AnUploadArriving_IsHeldInMemory_NeverInATemporaryFile()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port, _ct);
        var stream = tcp.GetStream();
        const string Boundary = "held";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/search/image HTTP/1.1\r\nHost: 127.0.0.1:{server.Address.Port}\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: 2000000\r\n\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"), _ct);
        var chunk = new byte[32 << 10];
        var seen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await stream.WriteAsync(chunk, _ct); // 640 KB over two seconds: well past the 64 KB at which a form would spill to disk
            await Task.Delay(100, _ct);
            seen.AddRange(Directory.GetFiles(server.Temporary, "*", SearchOption.AllDirectories));
        }

        Assert.Empty(seen);
    }

    [Fact]
    public async Task AFormOf2000Fields_Is400_Not413()
    {
        using var client = server.CreateClient();
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 2000; i++)
        {
            form.Add(new StringContent("x"), $"field{i}");
        }

        using var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), form, _ct);
        await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "cannot be read");
    }
}
