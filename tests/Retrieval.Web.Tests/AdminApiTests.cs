using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests;

/// <summary>
/// The endpoints that change the index, on loopback without a key: rescan and delete go through (a delete forgets a
/// photo until the next scan). A request a proxy forwarded is not the machine's own: without a key it gets nothing.
/// </summary>
public sealed class LoopbackAdminTests(TestServer server) : IClassFixture<TestServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AForwardedRequest_WithNoKeyConfigured_Is403NamingTheFix()
    {
        using var client = server.CreateClient();
        foreach (var (header, value) in ((string, string)[])[("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=203.0.113.7"), ("X-Forwarded-Host", "photos.example.com")])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request, _ct);
            await SearchApiTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "Retrieval:Server:ApiKey");
        }
    }

    [Fact]
    public async Task RescanFindsANewPhoto_DeleteForgetsOneUntilTheNextScan()
    {
        using var client = server.CreateClient();
        Retrieval.Testing.TestFiles.CopyNamed(Retrieval.Testing.RepositoryPaths.Samples, server.PhotoFolder, ["000000129648.jpg"]);
        using (var response = await client.PostAsync(new Uri("/api/index", UriKind.Relative), JsonContent.Create(new { }), _ct))
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
        using (var again = await client.DeleteAsync(new Uri($"/api/images/{id}", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        // The file is still there, so the next scan finds it again; the API says so.
        var api = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct);
        Assert.Contains("until the next scan", api, StringComparison.Ordinal);
        using (var rescan = await client.PostAsync(new Uri("/api/index", UriKind.Relative), JsonContent.Create(new { }), _ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, rescan.StatusCode);
        }

        await WaitForPhotosAsync(client, TestServer.Photos.Length + 1);
        Assert.True(await TestServer.IdOfAsync(client, "000000129648.jpg") > 0);
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

        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/index") { Content = JsonContent.Create(new { }) };
        keyed.Headers.Add("X-Api-Key", KeyedServer.Key);
        using var accepted = await client.SendAsync(keyed, _ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await LoopbackAdminTests.WaitForPhotosAsync(client, TestServer.Photos.Length);
    }

    internal static IEnumerable<HttpRequestMessage> Requests(long id, string? key)
    {
        foreach (var (method, url) in new[] { (HttpMethod.Post, "/api/index"), (HttpMethod.Delete, $"/api/images/{id}") })
        {
            var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Post ? JsonContent.Create(new { }) : null };
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            yield return request;
        }
    }
}

/// <summary>
/// With the key required for everything (as beyond loopback): every endpoint but the health check needs it, the page
/// sends a browser without a session to the key prompt, the prompt trades the key for an HttpOnly, SameSite=Strict
/// cookie that then serves instead of the key, and wrong keys are rate-limited per client.
/// </summary>
public sealed class KeyEverywhereTests(KeyEverywhereServer server) : IClassFixture<KeyEverywhereServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpointButHealth_NeedsTheKey_AndTheSessionCookieServesInstead()
    {
        using var client = server.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var url in (string[])["/api/search?q=cake", "/api/status", "/api/images/1", "/api/images/1/thumbnail", "/api/images/1/file", "/api/timeline", "/api/timeline/on-this-day", "/api/map", "/openapi/v1.json"])
        {
            using var refused = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);
            await SearchApiTests.AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "X-Api-Key");
        }

        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var page = await client.GetAsync(new Uri("/", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/login.html", page.Headers.Location?.ToString());
        }

        using (var prompt = await client.GetAsync(new Uri("/login.html", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, prompt.StatusCode);
        }

        using var signIn = await client.PostAsync(new Uri("/api/session", UriKind.Relative), JsonContent.Create(new { key = KeyEverywhereServer.Key }), _ct);
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(KeyEverywhereServer.Key, cookie, StringComparison.Ordinal);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=cake");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using (var answer = await client.SendAsync(withCookie, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        withKey.Headers.Add("X-Api-Key", KeyEverywhereServer.Key);
        using var status = await client.SendAsync(withKey, _ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

}

/// <summary>Wrong keys, tried against a server of their own (the failures count against the client for a minute).</summary>
public sealed class KeyAttemptTests(KeyEverywhereServer server) : IClassFixture<KeyEverywhereServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongKeys_AreRateLimitedPerClient()
    {
        using var client = server.Factory.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var response = await client.PostAsync(new Uri("/api/session", UriKind.Relative), JsonContent.Create(new { key = $"guess-{attempt}" }), _ct);
            answers.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), answers.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);
        // Even the right key waits out the minute now.
        using var right = await client.PostAsync(new Uri("/api/session", UriKind.Relative), JsonContent.Create(new { key = KeyEverywhereServer.Key }), _ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
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
        var answers = new List<HttpResponseMessage>();
        try
        {
            // One slot, no queue: 24 searches at once overlap on any machine, but a fast one may serve a whole
            // round one by one, so rounds go on (at most ten) until one is refused.
            for (var round = 0; round < 10 && !answers.Any(a => a.StatusCode == HttpStatusCode.ServiceUnavailable); round++)
            {
                answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync(new Uri("/api/search?q=a+dog+on+the+grass&mode=vector", UriKind.Relative), _ct))));
            }

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
