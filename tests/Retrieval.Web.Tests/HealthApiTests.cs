using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Retrieval.Web.Tests;

/// <summary>The server stub over HTTP: the page, the health probe, and what an unknown route answers.</summary>
public sealed class HealthApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Health_AnswersOk()
    {
        using var client = factory.CreateClient();
        var health = await client.GetFromJsonAsync<Health>("/api/health", TestContext.Current.CancellationToken);
        Assert.Equal("ok", health?.Status);
        Assert.False(string.IsNullOrEmpty(health?.Version));
    }

    [Fact]
    public async Task Root_ServesTheSearchPage()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>RetrievalEngine</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed record Health(string Status, string Version);
}
