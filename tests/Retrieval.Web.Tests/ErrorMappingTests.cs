using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Errors;
using Retrieval.Testing;
using Retrieval.Web.Errors;

namespace Retrieval.Web.Tests;

/// <summary>
/// Every engine error type has its own HTTP status, and nothing falls back to a guess: each type is listed
/// here (a new one fails the test until it is), and an unexpected failure is a 500 naming a correlation id, with
/// no stack trace in the body.
/// </summary>
public sealed class ErrorMappingTests
{
    private static readonly Dictionary<Type, (RetrievalException Error, int? Status)> Cases = new[]
    {
        ((RetrievalException)new QuerySyntaxException("q", "bad"), (int?)400),
        (new InvalidInputException("k", "k must be ..."), 400),
        (new PhotoNotFoundException(3), 404),
        (new PersonNotFoundException("person", 3), 404),
        (new StoreLockedException("/i/index.lock", 12), 409),
        (new ModelMismatchException("/i", "a@1", "b@2", "use a"), 409),
        (new UnsupportedImageException("x.jpg", "not an image"), 415),
        (new UnreadableVideoException("x.mp4", "moov atom not found"), 415),
        (new IndexNotFoundException("/i"), 503),
        (new IndexUnavailableException("/i"), 503),
        (new IndexStorageException("/i", new IOException("No space left on device")), 503),
        (new CorruptStoreException("/i/vectors/images/manifest", "bad checksum"), 503),
        (new IndexDamagedException("/i/keywords/_0.cfs", "read past the end of the file"), 503),
        (new CatalogSchemaException("/i/catalog.db", "newer"), 503),
        (new StoreFaultException("/i/vectors/images", "could not tell", new IOException("disk full")), 503),
        // The server's own failures: a 500 with a correlation id.
        (new InferenceException("/m/onnx/text_model.onnx", "Gather failed", new InvalidOperationException()), null),
        (new ModelLoadException("/m", "missing file"), null),
        (new ModelDownloadException("https://example.invalid/m", "refused"), null),
        (new PlaceDataException("/app/places/places.bin.gz", "truncated"), null),
    }.ToDictionary(c => c.Item1.GetType(), c => (c.Item1, c.Item2));

    [Fact]
    public void EveryErrorType_IsListedWithItsStatus()
    {
        var types = typeof(RetrievalException).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RetrievalException)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(types);
        Assert.Equal(types.Select(t => t.Name).Order(), Cases.Keys.Select(t => t.Name).Order());
    }

    [Fact]
    public void EachType_MapsToItsOwnStatus()
    {
        foreach (var (type, (error, status)) in Cases)
        {
            Assert.True(ErrorMapping.StatusOf(error, requestAborted: false)?.Status == status, $"{type.Name}: {ErrorMapping.StatusOf(error, false)?.Status} instead of {status}");
        }

        Assert.Null(ErrorMapping.StatusOf(new InvalidOperationException("a bug"), requestAborted: false));
        Assert.Equal(503, ErrorMapping.StatusOf(new OperationCanceledException(), requestAborted: true)?.Status);
        Assert.Null(ErrorMapping.StatusOf(new OperationCanceledException(), requestAborted: false));
    }
}

/// <summary>
/// A real server whose model fails at run time — its tokenizer gives "dog" an id past the text graph's embedding
/// table, as a damaged or mismatched export would — over an index it built itself from photos without captions.
/// </summary>
public sealed class InferenceFailureTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-inference-");
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _factory;

    public async ValueTask InitializeAsync()
    {
        var model = Path.Combine(_folder.FullName, "model");
        TestFiles.CopyTree(RepositoryPaths.TinyModel, model);
        var vocabulary = Path.Combine(model, "vocab.json");
        var tokens = JsonSerializer.Deserialize<Dictionary<string, int>>(await File.ReadAllTextAsync(vocabulary, TestContext.Current.CancellationToken))!;
        tokens["dog</w>"] = 1_000_000;
        await File.WriteAllTextAsync(vocabulary, JsonSerializer.Serialize(tokens), TestContext.Current.CancellationToken);
        var photos = Path.Combine(_folder.FullName, "photos");
        TestFiles.CopyNamed(RepositoryPaths.Samples, photos, TestServer.Photos[..3]);
        _factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Retrieval:Index:Root", Path.Combine(_folder.FullName, "index"));
            web.UseSetting("Retrieval:Model:Path", model);
            web.UseSetting("Retrieval:Server:Samples", photos);
        });
        using var client = _factory.CreateClient();
        for (var attempt = 0; (await client.GetFromJsonAsync<JsonElement>("/api/status", TestContext.Current.CancellationToken)).GetProperty("photos").GetInt64() < 3; attempt++)
        {
            Assert.True(attempt < 600, "the server did not index its photos");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task AnInferenceFailureDuringASearch_Is500WithACorrelationId_NotAConflict()
    {
        using var client = _factory!.CreateClient();
        using var fine = await client.GetAsync(new Uri("/api/search?q=a+cat&mode=vector", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);

        using var failed = await client.GetAsync(new Uri("/api/search?q=a+dog", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        var body = await failed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var problem = JsonDocument.Parse(body).RootElement;
        var id = problem.GetProperty("correlationId").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Gather", body, StringComparison.Ordinal);
    }
}
