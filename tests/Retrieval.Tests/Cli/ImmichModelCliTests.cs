using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// `index`, `search`, `caption` and `eval` with a model in immich's layout (the replica of tests/replicas: static batch
/// of 1, tokenizer.json, its own text cleaning), as a user runs them: the model's weights are random, so this checks
/// that every command works through it end to end, not what it finds.
/// </summary>
public sealed class ImmichModelCliTests : IDisposable
{
    private static readonly string Model = Path.Combine(RepositoryPaths.Replicas, "models", "immich-clip");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-immich-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task IndexSearchCaptionEval_WorkWithAnImmichModel()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        var db = Path.Combine(_folder.FullName, "index");
        var coco = Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).Take(12).ToList();
        TestFiles.CopyAll(coco, photos);

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", db, "--model", Model, "--device", "cpu", "--captions", IndexFixture.CocoCaptions]);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        Assert.Contains("12 photos searchable", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "a person riding a horse", "--db", db, "--model", Model, "--device", "cpu", "--mode", "vector", "--json"]);
        Assert.True(exit == 0, stderr);
        var hits = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith(photos, h.GetProperty("path").GetString()!, StringComparison.Ordinal));

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["caption", coco[0], "--db", db, "--model", Model, "--device", "cpu", "--json"]);
        Assert.True(exit == 0, stderr);
        Assert.NotEmpty(JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray());

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["eval", "--images", IndexFixture.CocoImages, "--captions", IndexFixture.CocoCaptions, "--model", Model, "--device", "cpu", "--json"]);
        Assert.True(exit == 0, stderr);
        var recall = JsonDocument.Parse(stdout).RootElement.GetProperty("textToImage").GetProperty("recallAt10").GetDouble();
        Assert.InRange(recall, 0, 100);
    }
}
