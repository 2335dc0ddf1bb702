using System.Text.Json;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>`retrieval models pull` against a model folder served over HTTP on loopback.</summary>
public sealed class ModelsPullTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-pull-");

    public void Dispose() => _folder.Delete(recursive: true);

    // Beside the models directory, so the reference's image paths (../../samples/…) resolve as in the repository.
    private string Models => Path.Combine(_folder.FullName, "models");

    [Fact]
    public async Task Pull_ResumesAfterABrokenConnection_AndThePulledModelPassesItsGoldenVectors()
    {
        using var server = new ModelFolderServer(RepositoryPaths.TinyModel, "tiny-random-clip");
        server.BreakOnce.Add("onnx/vision_model.onnx");
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", server.Address, "--dir", Models]);
        Assert.Equal(1, exit);
        Assert.Contains("run the command again to resume", stderr, StringComparison.Ordinal);
        var part = Path.Combine(Models, "tiny-random-clip", "onnx", "vision_model.onnx.part");
        Assert.True(new FileInfo(part).Length > 0, "the broken download left no part to resume");

        (exit, var stdout, stderr) = await ChildProcess.RunCliAsync(["models", "pull", server.Address, "--dir", Models]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("Model ready in", stdout, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.File == "onnx/vision_model.onnx" && r.Range is { } range && range != "bytes=0-");
        Assert.Equal(1, server.Requests.Count(r => r.File == "onnx/text_model.onnx")); // what arrived whole is not fetched again
        var pulled = Path.Combine(Models, "tiny-random-clip");
        foreach (var file in (string[])["config.json", "preprocessor_config.json", "vocab.json", "merges.txt", "onnx/text_model.onnx", "onnx/vision_model.onnx"])
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.TinyModel, file)), File.ReadAllBytes(Path.Combine(pulled, file)));
        }

        Assert.False(File.Exists(part));
        var samples = Path.Combine(_folder.FullName, "samples");
        TestFiles.CopyAll(PhotoMosaic.SamplePhotos(), samples);

        using var model = TestModels.Load(pulled, 4);
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TinyModel, "reference_embeddings.json"))).RootElement;
        ReferenceVectors.AssertTextsMatch(model, reference);
        ReferenceVectors.AssertImagesMatch(model, reference);
    }

    [Fact]
    public async Task Pull_RejectsAFileThatFailsItsChecksum_AndInstallsNothingOfIt()
    {
        using var server = new ModelFolderServer(RepositoryPaths.TinyModel, "tiny-random-clip");
        server.FalseSum = "onnx/text_model.onnx";
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", server.Address, "--dir", Models]);
        Assert.Equal(1, exit);
        Assert.Contains("does not match the expected", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Models, "tiny-random-clip", "onnx", "text_model.onnx")));
        Assert.False(File.Exists(Path.Combine(Models, "tiny-random-clip", "onnx", "text_model.onnx.part")));
    }

    [Theory]
    [InlineData("ftp://example.com/model", "only http and https")]
    [InlineData("not a model id", "expected a Hugging Face repository id")]
    [InlineData("../../etc", "expected a Hugging Face repository id")]
    public async Task Pull_RefusesWhatIsNoModelSource(string source, string reason)
    {
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", source, "--dir", Models]);
        Assert.Equal(1, exit);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ByFolderUrlWithNothingListingIt_FetchesTheTokenizerJsonAndSentencePieceModel()
    {
        // A plain file server: no SHA256SUMS names the files, so what is asked for is the layout's own list.
        var served = Path.Combine(_folder.FullName, "served");
        TestFiles.CopyTree(Path.Combine(RepositoryPaths.Replicas, "models", "xenova-clip"), served);
        File.Copy(Path.Combine(RepositoryPaths.Replicas, "tokenizers", "siglip-unigram", "spiece.model"), Path.Combine(served, "spiece.model"));
        using var server = new ModelFolderServer(served, "xenova-clip") { ServesSums = false };
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", server.Address, "--dir", Models]);
        Assert.True(exit == 0, stderr);
        var pulled = Path.Combine(Models, "xenova-clip");
        foreach (var file in (string[])["tokenizer.json", "spiece.model", "tokenizer_config.json", "config.json", "onnx/text_model.onnx"])
        {
            Assert.True(File.Exists(Path.Combine(pulled, file)), $"{file} was not pulled");
            Assert.Equal(File.ReadAllBytes(Path.Combine(served, file)), File.ReadAllBytes(Path.Combine(pulled, file)));
        }

        // The pulled model reads its tokenizer.json: the text vector is the reference's.
        using var model = TestModels.Load(pulled);
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(served, "reference.json"))).RootElement;
        var want = reference.GetProperty("text_vectors").GetProperty("plain")[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var texts = reference.GetProperty("texts")[0].GetString()!;
        Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(want, model.Text.Encode([texts], TestContext.Current.CancellationToken)[0]) >= 0.9999);
    }

    [Fact]
    public async Task Pull_FetchesEveryFileTheListingNames_ButNothingOutsideTheFolder()
    {
        // The default model keeps its weights in external data files (text_model.onnx.data0, ...) and has class labels.
        using var server = new ModelFolderServer(RepositoryPaths.DefaultModel, "minilm-mobilenetv2");
        server.ExtraSumLines.Add($"{new string('a', 64)}  ../escaped.txt");
        server.ExtraSumLines.Add($"{new string('b', 64)}  /etc/passwd");
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", server.Address, "--dir", Models]);
        Assert.True(exit == 0, stderr);
        var pulled = Path.Combine(Models, "minilm-mobilenetv2");
        foreach (var file in Directory.GetFiles(RepositoryPaths.DefaultModel, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.DefaultModel, file);
            Assert.True(File.Exists(Path.Combine(pulled, relative)), $"{relative} was not pulled");
        }

        Assert.DoesNotContain(server.Requests, r => r.File.Contains("escaped", StringComparison.Ordinal) || r.File.Contains("passwd", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Models, "escaped.txt")));
        using var original = TestModels.Default();
        using var copy = TestModels.Load(pulled);
        Assert.Equal(original.Text.Encode(["a bowl of broccoli"], TestContext.Current.CancellationToken)[0], copy.Text.Encode(["a bowl of broccoli"], TestContext.Current.CancellationToken)[0]);
        Assert.Equal(original.Images.Labels!.Count, copy.Images.Labels!.Count);
    }
}
