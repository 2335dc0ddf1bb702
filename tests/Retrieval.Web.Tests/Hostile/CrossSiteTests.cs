using System.Net;
using System.Text;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// Cross-site forgery: a page elsewhere posting a form or an upload to the server. Writes and uploads that a browser
/// marks as coming from another site are refused (403); writes need a body no form can send (JSON), so a browser must
/// preflight them, which the server never grants.
/// </summary>
public sealed class CrossSiteTests(HostileServer server) : IClassFixture<HostileServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WritesAndUploadsFromAnotherSite_AreRefused_FormWritesNeedJson()
    {
        using var client = server.CreateClient();
        var photo = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "000000000790.jpg"), _ct);
        (string Header, string Value)[] crossSite = [("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "same-site"), ("Origin", "null")];
        foreach (var (header, value) in crossSite)
        {
            foreach (var (url, content) in ((string, HttpContent)[])[
                ("/api/index", new StringContent("x=1", Encoding.ASCII, "application/x-www-form-urlencoded")),
                ("/api/index", new StringContent("{}", Encoding.UTF8, "application/json")),
                ("/api/search/image", HostileInputs.Upload(photo, "photo.jpg")),
                ("/api/caption", HostileInputs.Upload(photo, "photo.jpg"))])
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.Add(header, value);
                using var response = await client.SendAsync(request, _ct);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url} with {header}: {value} answered {response.StatusCode}");
            }
        }

        // A simple (form) post from no site at all still cannot start a rescan: it needs a JSON body.
        using (var form = await client.PostAsync(new Uri("/api/index", UriKind.Relative), new StringContent("x=1", Encoding.ASCII, "application/x-www-form-urlencoded"), _ct))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        // The page's own requests pass: same origin, as its fetch sends them.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/search/image") { Content = HostileInputs.Upload(photo, "photo.jpg") };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        own.Headers.Add("Origin", server.Address.ToString().TrimEnd('/'));
        using var answer = await client.SendAsync(own, _ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
