using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// One engine behind both shells: the same query on the same index ranks the same photos, with the same scores,
/// from `retrieval search --json` and from <c>GET /api/search</c>, in every mode and with the defaults of each.
/// </summary>
public sealed class CliApiParityTests(TestServer server) : IClassFixture<TestServer>
{
    public static TheoryData<string, string> Queries => new()
    {
        { "broccoli", "hybrid" },
        { "broccoli", "vector" },
        { "broccoli", "keyword" },
        { "a cake with candles", "hybrid" },
        { "a cake with candles", "vector" },
        { "food -broccoli", "hybrid" },
        { "a plate of food", "keyword" },
        { "\"a bowl\" noodles sort:date", "hybrid" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task TheCliAndTheApi_RankTheSamePhotos(string query, string mode)
    {
        query = query.Length == 0 ? "a bike" : query; // and the default mode
        using var client = server.CreateClient();
        var url = $"/api/search?q={Uri.EscapeDataString(query)}&k=8" + (mode.Length > 0 ? $"&mode={mode}" : "");
        var api = Ranking((await client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken)).GetProperty("results"));

        // The server runs each inference on one thread (web/appsettings.json); so does the CLI here, so both embed the query identically.
        string[] arguments = ["search", query, "--db", server.IndexFolder, "--model", RepositoryPaths.DefaultModel, "--device", "cpu", "--threads", "1", "--k", "8", "--json",
            .. mode.Length > 0 ? ["--mode", mode] : Array.Empty<string>()];
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(arguments);
        Assert.True(exit == 0, stderr);
        var cli = Ranking(JsonDocument.Parse(stdout).RootElement.GetProperty("results"));

        Assert.NotEmpty(api);
        Assert.Equal(api, cli);
    }

    private static List<string> Ranking(JsonElement results) =>
        [.. results.EnumerateArray().Select(r => string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(r.GetProperty("path").GetString())} {r.GetProperty("score").GetDouble():0.000000}"))];
}
