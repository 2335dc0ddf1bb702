using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>A library holding a photo another process keeps swapping for a link to /etc/passwd, and an SVG the engine does not decode.</summary>
public sealed class SwapServer : HostileServer
{
    public const string Swapped = "swap.jpg", Script = "drawing.svg";

    protected override async Task<int> AddPhotosAsync(string folder)
    {
        File.Copy(Path.Combine(RepositoryPaths.Samples, "000000129648.jpg"), Path.Combine(folder, Swapped));
        await File.WriteAllTextAsync(Path.Combine(folder, Script), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", TestContext.Current.CancellationToken);
        return 1; // the SVG is recorded as failed: an unsupported format
    }
}

/// <summary>
/// Serving files: the check that a photo lies inside its indexed root is made on the file actually opened, so a path
/// swapped for a link between a check and the open never serves what the link points to; formats the engine does not
/// decode are downloads, never rendered; no other site may embed what the server answers.
/// </summary>
public sealed class FileServingTests(SwapServer server) : IClassFixture<SwapServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task APhotoSwappedForALinkInALoop_NeverServesTheLinksTarget()
    {
        using var client = server.CreateClient();
        var id = await server.IdOfAsync(client, SwapServer.Swapped);
        var path = Path.Combine(server.PhotoFolder, SwapServer.Swapped);
        var original = await File.ReadAllBytesAsync(path, _ct);
        using var stop = new CancellationTokenSource();
        var swapper = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var link = $"{path}.{i}.link";
                File.CreateSymbolicLink(link, "/etc/passwd");
                File.Move(link, path, overwrite: true);
                Thread.Sleep(1);
                var real = $"{path}.{i}.real";
                File.WriteAllBytes(real, original);
                File.Move(real, path, overwrite: true);
                Thread.Sleep(1); // each stands a while, so requests meet both
            }
        }, CancellationToken.None);

        var leaked = 0;
        var served = 0;
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync(new Uri(i % 3 == 0 ? $"/api/images/{id}/thumbnail?size={64 + i}" : $"/api/images/{id}/file", UriKind.Relative), _ct);
            var body = await response.Content.ReadAsStringAsync(_ct);
            leaked += body.Contains("root:", StringComparison.Ordinal) ? 1 : 0;
            served += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        await stop.CancelAsync();
        await swapper;
        TestContext.Current.SendDiagnosticMessage($"300 requests while the file flipped: {served} served the photo, {leaked} leaked /etc/passwd");
        Assert.Equal(0, leaked);
        Assert.True(served > 0, "the photo itself was never served");
    }

    [Fact]
    public async Task AFileThatFailed_IsNeverServed_AndNothingIsEmbeddableElsewhere()
    {
        // Every id the index has given (the samples, the swapped photo and the failed SVG): only the photos answer.
        using var client = server.CreateClient();
        var shown = new List<string>();
        for (var id = 1; id <= TestServer.Photos.Length + 2; id++)
        {
            using var details = await client.GetAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
            using var file = await client.GetAsync(new Uri($"/api/images/{id}/file", UriKind.Relative), _ct);
            Assert.Equal(details.StatusCode, file.StatusCode);
            if (details.IsSuccessStatusCode)
            {
                shown.Add((await details.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("fileName").GetString()!);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
            }
        }

        Assert.Equal(TestServer.Photos.Length + 1, shown.Count);
        Assert.DoesNotContain(SwapServer.Script, shown);

        var photo = await server.IdOfAsync(client, "000000000790.jpg");
        using var jpeg = await client.GetAsync(new Uri($"/api/images/{photo}/file", UriKind.Relative), _ct);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        Assert.Null(jpeg.Content.Headers.ContentDisposition);
        Assert.Equal("same-origin", string.Join(' ', jpeg.Headers.GetValues("Cross-Origin-Resource-Policy")));
    }
}
