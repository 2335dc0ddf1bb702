using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>The endpoints that change the index, on loopback without a key: rescan and delete go through.</summary>
public sealed class LoopbackAdminTests(TestServer server) : IClassFixture<TestServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RescanFindsANewPhoto_DeleteRemovesOne()
    {
        using var client = server.CreateClient();
        Retrieval.Testing.TestFiles.CopyNamed(Retrieval.Testing.RepositoryPaths.Samples, server.PhotoFolder, ["000000129648.jpg"]);
        using (var response = await client.PostAsync(new Uri("/api/index", UriKind.Relative), null, _ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitForPhotosAsync(client, TestServer.Photos.Length + 1);
        var id = await TestServer.IdOfAsync(client, "000000129648.jpg");
        using (var response = await client.DeleteAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        // While another writer holds the index (here: this process, as `retrieval remove` would), a delete is 409.
        var other = await TestServer.IdOfAsync(client, "000000000790.jpg");
        using (new Retrieval.Backends.Local.LocalIndexBackend(new Retrieval.Backends.Local.IndexPaths(server.IndexFolder), new Retrieval.Vectors.VectorStoreOptions()).OpenForMaintenance())
        using (var response = await client.DeleteAsync(new Uri($"/api/images/{other}", UriKind.Relative), _ct))
        {
            await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "index.lock");
        }

        using var gone = await client.GetAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await client.DeleteAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    internal static async Task WaitForPhotosAsync(HttpClient client, long photos)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status", TestContext.Current.CancellationToken);
            if (!status.GetProperty("indexing").GetProperty("running").GetBoolean() && status.GetProperty("photos").GetInt64() == photos)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the index never reached {photos} photos");
    }
}

/// <summary>With an API key configured, changing the index needs it.</summary>
public sealed class KeyedAdminTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutTheRightKey_401_WithIt_Accepted()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000126107.jpg");
        foreach (var key in (string?[])[null, "wrong", KeyedServer.Key + "x"])
        {
            foreach (var request in Requests(id, key))
            {
                using (request)
                using (var response = await client.SendAsync(request, _ct))
                {
                    await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "X-Api-Key");
                }
            }
        }

        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/index");
        keyed.Headers.Add("X-Api-Key", KeyedServer.Key);
        using var accepted = await client.SendAsync(keyed, _ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await LoopbackAdminTests.WaitForPhotosAsync(client, TestServer.Photos.Length);
    }

    internal static IEnumerable<HttpRequestMessage> Requests(long id, string? key)
    {
        foreach (var (method, url) in new[] { (HttpMethod.Post, "/api/index"), (HttpMethod.Delete, $"/api/images/{id}") })
        {
            var request = new HttpRequestMessage(method, url);
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            yield return request;
        }
    }
}

/// <summary>Listening beyond loopback without a key, the server refuses to change the index.</summary>
public sealed class ExposedAdminTests(ExposedServer server) : IClassFixture<ExposedServer>
{
    [Fact]
    public async Task ChangesAreForbidden_SearchesStillWork()
    {
        using var client = server.CreateClient();
        var id = await TestServer.IdOfAsync(client, "000000126107.jpg");
        foreach (var request in KeyedAdminTests.Requests(id, null))
        {
            using (request)
            using (var response = await client.SendAsync(request, TestContext.Current.CancellationToken))
            {
                await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "Retrieval:Server:ApiKey");
            }
        }

        using var photo = await client.GetAsync(new Uri($"/api/images/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
    }
}

/// <summary>The limits: upload size (413) and concurrent searches (503 with Retry-After).</summary>
public sealed class LimitTests(TightServer server) : IClassFixture<TightServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUploadOverTheLimit_Is413()
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search/image", UriKind.Relative), SearchApiTests.Upload("000000000790.jpg"), _ct);
        await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "65,536");
    }

    [Fact]
    public async Task SearchesBeyondTheConcurrencyLimit_Are503WithRetryAfter()
    {
        using var client = server.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync(new Uri("/api/search?q=a+dog+on+the+grass&mode=vector", UriKind.Relative), _ct)));
        try
        {
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, a.StatusCode.ToString()));
            var refused = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.NotEmpty(refused);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }
}

/// <summary>A request that outlives the timeout is cut off with 503 (Kestrel: the in-memory test host aborts instead).</summary>
public sealed class TimeoutTests(ImpatientServerProcess server) : IClassFixture<ImpatientServerProcess>
{
    [Fact]
    public async Task ASlowRequest_Is503_StatusStillAnswers()
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        using (var status = await client.GetAsync(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        // A search without a body (an upload cut off mid-body would have its connection reset, not answered): the
        // text encoder alone takes longer than the millisecond allowed.
        using var response = await client.GetAsync(new Uri("/api/search?q=a+family+around+a+birthday+cake&mode=vector", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
