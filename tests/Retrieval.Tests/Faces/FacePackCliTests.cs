using System.Text.Json;
using Retrieval.Catalog;
using Retrieval.Faces;
using Retrieval.Testing;
using Retrieval.Tests.Cli;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// immich's face packs from the command line: <c>retrieval models pull immich-app/buffalo_l</c> against a loopback server
/// answering like the Hugging Face hub fetches exactly the pack's two graphs, digests checked; <c>retrieval index
/// --face-model</c> with a pack (by name or folder) fills <c>faces</c> with its 512-number embeddings under its own
/// fingerprint, and switching back to the bundled models is refused until <c>--reembed</c>, which makes every face again.
/// </summary>
public sealed class FacePackCliTests : IDisposable
{
    private static readonly string[] Indexed = ["000000256353.jpg", "000000000790.jpg", "000000062554.jpg"];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-face-pack-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Models => Path.Combine(_folder.FullName, "models");

    private string Photos => Path.Combine(_folder.FullName, "photos");

    private string Db => Path.Combine(_folder.FullName, "db");

    [Fact]
    public async Task Pull_FetchesExactlyThePacksTwoGraphs_AndIndexUsesItByName()
    {
        using var server = ModelFolderServer.Hub(ImmichReplica.Pack, "immich-app/buffalo_l");
        server.ExtraListing.AddRange(["detection/armnn/model.armnn", "rknpu/recognition/model.rknn", "README.md", ".gitattributes"]);
        var environment = Environment(server);

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["models", "pull", "immich-app/buffalo_l"], environment);
        Assert.True(exit == 0, stderr);
        Assert.Contains("--model buffalo_l", stdout, StringComparison.Ordinal);
        var fetched = server.Requests.Select(r => r.File).Where(f => !f.StartsWith("api/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["detection/model.onnx", "recognition/model.onnx"], fetched);
        foreach (var file in FaceModelLayout.ImmichFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(ImmichReplica.Pack, file)), File.ReadAllBytes(Path.Combine(Models, "buffalo_l", file)));
        }

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["models", "list", "--json"], environment);
        Assert.True(exit == 0, stderr);
        var listed = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal("immich-faces", listed.GetProperty("layout").GetString());
        Assert.False(listed.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null, $"listed as not loadable: {error}");

        TestFiles.CopyNamed(FaceSet.Photos, Photos, ["000000256353.jpg"]);
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--no-ocr", "--face-model", "buffalo_l"], environment);
        Assert.True(exit == 0, stderr);
        var faces = Assert.IsType<PhotoFaces>(await FacesAsync());
        Assert.StartsWith("buffalo_l@", faces.ModelId, StringComparison.Ordinal);
        Assert.Equal(new InsightFaceModels(Path.Combine(Models, "buffalo_l")).Fingerprint(), faces.ModelId);
    }

    [Fact]
    public async Task Pull_RefusesAGraphWhoseDigestIsWrong()
    {
        using var server = ModelFolderServer.Hub(ImmichReplica.Pack, "immich-app/antelopev2");
        server.FalseSum = "recognition/model.onnx";
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", "immich-app/antelopev2"], Environment(server));
        Assert.Equal(1, exit);
        Assert.Contains("SHA-256 ", stderr, StringComparison.Ordinal);
        Assert.Contains("does not match", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Models, "antelopev2", "recognition", "model.onnx")));
    }

    [Fact]
    public async Task IndexWithTheReplica_FillsFacesWithItsFingerprint_AndSwitchingModelsWithReembedMakesEveryFaceAgain()
    {
        TestFiles.CopyNamed(FaceSet.Photos, Photos, Indexed);
        var replica = ImmichReplica.Pack;

        await IndexAsync("--face-model", replica);
        var pack = await FacesAsync();
        Assert.NotNull(pack);
        Assert.Equal(new InsightFaceModels(replica).Fingerprint(), pack.ModelId);
        Assert.Equal(FaceMetric.ArcFace, FaceMetric.ForModel(pack.ModelId));
        Assert.Equal(512, pack.Dimension);
        // The replica's faces at SCRFD's 0.7 and 32 px or more: what the reference pipeline finds in those photos.
        var expected = Indexed.Sum(f => ImmichReplica.Reference["photos/" + f].Count(r => r.Box.ShortSide >= new FaceOptions().MinFaceSize));
        Assert.Equal(expected, pack.Items.Count);
        Assert.All(pack.Items, item => Assert.Equal(FaceItem.KeyPointCount, item.KeyPoints.Count));

        // Unchanged models: nothing is looked at again.
        var (exit, stdout, stderr) = await IndexCliAsync("--face-model", replica);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("faces found", stdout, StringComparison.Ordinal);

        // Other face models: refused as another main model is, until --reembed makes every face again with them.
        (exit, _, stderr) = await IndexCliAsync();
        Assert.Equal(1, exit);
        Assert.Contains($"holds vectors of model '{pack.ModelId}'", stderr, StringComparison.Ordinal);
        Assert.Contains("--reembed", stderr, StringComparison.Ordinal);
        await IndexAsync("--reembed");
        var bundled = await FacesAsync();
        Assert.NotNull(bundled);
        Assert.StartsWith("face-api@", bundled.ModelId, StringComparison.Ordinal);
        Assert.Equal(128, bundled.Dimension);
        var faceApi = Indexed.Sum(f => FaceSet.Reference["photos/" + f].Count(r => r.Box.ShortSide >= new FaceOptions().MinFaceSize));
        Assert.Equal(faceApi, bundled.Items.Count);
        Assert.Empty(bundled.Items.Select(i => i.Score).Intersect(pack.Items.Select(i => i.Score)));
    }

    [Fact]
    public async Task IndexWithAFaceModelThatIsNoPack_StopsWithOneLineNamingIt()
    {
        TestFiles.CopyNamed(FaceSet.Photos, Photos, ["000000256353.jpg"]);
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--no-ocr", "--face-model", "no-such-pack"],
            new Dictionary<string, string?> { ["RETRIEVAL_MODELS"] = Models });
        Assert.NotEqual(0, exit);
        Assert.Contains("'no-such-pack'", stderr, StringComparison.Ordinal);
        Assert.Contains("no face pack of that name", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private async Task IndexAsync(params string[] flags)
    {
        var (exit, stdout, stderr) = await IndexCliAsync(flags);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("0 failed", stdout, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> IndexCliAsync(params string[] flags) =>
        ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--no-ocr", .. flags]);

    /// <summary>The faces collection: its model, dimension and items (null when there is none).</summary>
    private async Task<PhotoFaces?> FacesAsync()
    {
        using var index = IndexFixture.BackendAt(Db).OpenForReading();
        if (index.Collection(FaceAnalyzer.Collection) is not { } faces)
        {
            return null;
        }

        var items = new List<FaceItem>();
        foreach (var photo in index.Catalog.SearchableIds(PhotoFilter.None))
        {
            foreach (var (id, payload) in index.Catalog.Items(FaceAnalyzer.Collection, index.Catalog.ItemsOfPhotos(faces.Kind, [photo]).GetValueOrDefault(photo) ?? []))
            {
                Assert.NotNull(await faces.Vectors.GetVectorAsync(id, TestContext.Current.CancellationToken));
                items.Add(FaceItem.FromPayload(payload.Payload) ?? throw new InvalidDataException($"item {id}: '{payload.Payload}' is no face"));
            }
        }

        return new PhotoFaces(faces.Kind.ModelId, faces.Kind.Dimension, items);
    }

    private Dictionary<string, string?> Environment(ModelFolderServer server) => new()
    {
        ["HF_ENDPOINT"] = server.Address,
        ["RETRIEVAL_MODELS"] = Models,
    };

    private sealed record PhotoFaces(string ModelId, int Dimension, List<FaceItem> Items);
}
