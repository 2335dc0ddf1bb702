using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The real server in memory over a real on-disk index in a temporary folder: on first start it indexes a copy
/// of eight sample photos with their caption sidecars (the server's own background indexing), and the tests
/// wait for that. Settings vary per test class (API key, listening address, limits).
/// </summary>
public class TestServer : IAsyncLifetime
{
    /// <summary>The sample photos copied: the two broccoli photos, the birthday cake, a bike, and four more.</summary>
    public static readonly string[] Photos =
    [
        "000000000790.jpg", "000000062554.jpg", "000000078499.jpg", "000000084284.jpg",
        "000000099053.jpg", "000000107438.jpg", "000000121647.jpg", "000000126107.jpg",
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-web-");
    private WebApplicationFactory<Program>? _factory;

    public string PhotoFolder => Path.Combine(_folder.FullName, "photos");

    public string IndexFolder => Path.Combine(_folder.FullName, "index");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    /// <summary>Files beyond the sample photos copied into the photo folder, for subclasses.</summary>
    protected virtual IReadOnlyList<string> ExtraFiles => [];

    /// <summary>How many searchable photos the first-start indexing makes, for subclasses whose files are not one photo each.</summary>
    protected virtual int ExpectedPhotos => Photos.Length + ExtraFiles.Count;

    /// <summary>Writes files of its own into the photo folder before the server starts, for subclasses.</summary>
    protected virtual void AddFiles(string folder)
    {
    }

    /// <summary>Settings beyond the index and the photos, for subclasses.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public HttpClient CreateClient() => Factory.CreateClient();

    public async ValueTask InitializeAsync()
    {
        CopySamples(PhotoFolder);
        foreach (var extra in ExtraFiles)
        {
            File.Copy(extra, Path.Combine(PhotoFolder, Path.GetFileName(extra)));
        }

        AddFiles(PhotoFolder);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Retrieval:Index:Root", IndexFolder);
            web.UseSetting("Retrieval:Server:Samples", PhotoFolder);
            web.UseSetting("Retrieval:Model:Path", RepositoryPaths.DefaultModel);
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }
        });

        using var client = CreateClient();
        Prepare(client);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"GET /api/status answered {response.StatusCode}: {body}");
            using var status = JsonDocument.Parse(body);
            var indexing = status.RootElement.GetProperty("indexing");
            if (!indexing.GetProperty("running").GetBoolean() && status.RootElement.GetProperty("photos").GetInt64() == ExpectedPhotos)
            {
                break;
            }

            if (DateTime.UtcNow > deadline || indexing.GetProperty("lastError").GetString() is { } error)
            {
                throw new InvalidOperationException($"the first-start indexing did not finish: {status.RootElement}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>What the fixture's own client needs (a key, for a server that wants one).</summary>
    protected virtual void Prepare(HttpClient client)
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Copies <see cref="Photos"/> and their caption sidecars into <paramref name="folder"/>.</summary>
    public static void CopySamples(string folder) => TestFiles.CopyNamed(RepositoryPaths.Samples, folder, Photos, sidecars: true);

    /// <summary>The id of an indexed photo by file name.</summary>
    public static async Task<long> IdOfAsync(HttpClient client, string fileName)
    {
        var results = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(fileName))}&mode=keyword&k=5", TestContext.Current.CancellationToken);
        return results.GetProperty("results").EnumerateArray().First(r => Path.GetFileName(r.GetProperty("path").GetString()) == fileName).GetProperty("id").GetInt64();
    }
}

/// <summary>A server with an API key configured.</summary>
public sealed class KeyedServer : TestServer
{
    public const string Key = "test-key-0123456789";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Retrieval:Server:ApiKey"] = Key };
}

/// <summary>A server that wants its key for every request, as it does when it listens beyond loopback.</summary>
public sealed class KeyEverywhereServer : TestServer
{
    public const string Key = "everywhere-key-0123456789";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Retrieval:Server:ApiKey"] = Key,
        ["Retrieval:Server:RequireKey"] = "Always",
    };

    /// <summary>The key with every request the fixture makes.</summary>
    protected override void Prepare(HttpClient client) => client.DefaultRequestHeaders.Add("X-Api-Key", Key);
}

/// <summary>A server with tight limits: 64 KB uploads, one search at a time and no queue.</summary>
public sealed class TightServer : TestServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Retrieval:Server:MaxUploadBytes"] = "65536",
        ["Retrieval:Server:MaxConcurrentSearches"] = "1",
        ["Retrieval:Server:SearchQueue"] = "0",
    };
}
