using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Imaging;
using Retrieval.Testing;
using Retrieval.Tests.Models;

namespace Retrieval.Tests.Cli;

public sealed class RetrievalCliTests
{
    private static readonly string Model = RepositoryPaths.TinyModel;

    [Fact]
    public async Task Tokenize_Json_GivesTheIdsOfEachText()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["tokenize", "--model", Model, "--json", "a photo of a cat", "Dog"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var records = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal("a photo of a cat", records[0].GetProperty("input").GetString());
        Assert.Equal("text", records[0].GetProperty("kind").GetString());
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407], records[0].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([49406, 1929, 49407], records[1].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(records[0].TryGetProperty("vector", out _));
    }

    [Fact]
    public async Task Embed_Json_KeepsInputOrderAndMatchesTheLibrary()
    {
        var photo = PhotoMosaic.SamplePhotos()[0];
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(
            ["embed", "--model", Model, "--device", "cpu", "--json", "--text", "a bowl of noodles", "--image", photo, "-t", "a bike"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var records = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["text", "image", "text"], records.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(["a bowl of noodles", photo, "a bike"], records.Select(r => r.GetProperty("input").GetString()));
        Assert.False(records[1].TryGetProperty("ids", out _));

        using var model = TestModels.Tiny(4, threads: 1);
        var expectedImage = model.EmbedImageFiles([photo], new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken)[0];
        var expectedText = model.Text.Encode(["a bike"], TestContext.Current.CancellationToken)[0];
        Assert.True(TensorPrimitives.CosineSimilarity(expectedImage, Vector(records[1])) > 0.99999);
        Assert.True(TensorPrimitives.CosineSimilarity(expectedText, Vector(records[2])) > 0.99999);
        Assert.All(records, r => Assert.Equal(1.0, TensorPrimitives.Norm(Vector(r)), 4));
    }

    [Fact]
    public async Task Embed_ReadsTheModelFromTheEnvironment()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["embed", "--device", "cpu", "--text", "a dog"],
            new Dictionary<string, string?> { ["RETRIEVAL_MODEL"] = Model });
        Assert.True(exit == 0, stderr);
        Assert.Contains("vector (24 dims)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_UnreadableImage_ExitsWithOneLineNamingIt()
    {
        var notAnImage = Path.Combine(RepositoryPaths.Samples, "ATTRIBUTION.md");
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["embed", "--model", Model, "--device", "cpu", "--image", notAnImage]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"error: Cannot read image '{notAnImage}': not a photo format the engine reads (JPEG, PNG, WebP, GIF, BMP, HEIC, AVIF, JPEG XL, TIFF, PSD, camera raw), or its header is damaged",
            stderr.Trim());
    }

    [Theory]
    [InlineData("embed", "--text")]
    [InlineData("tokenize", "")]
    public async Task ModelCommands_WithoutModel_UseTheDefaultModel_AsEveryCommandDoes(string command, string textFlag)
    {
        string[] Arguments(params string[] model) => [command, .. model, "--json", .. textFlag.Length > 0 ? [textFlag, "a dog on the grass"] : new[] { "a dog on the grass" }];
        var (exit, defaulted, stderr) = await ChildProcess.RunCliAsync(Arguments());
        Assert.True(exit == 0, stderr);
        var (named, explicitOut, explicitErr) = await ChildProcess.RunCliAsync(Arguments("--model", RepositoryPaths.DefaultModel));
        Assert.True(named == 0, explicitErr);
        Assert.Equal(explicitOut, defaulted);
        using var json = System.Text.Json.JsonDocument.Parse(defaulted);
        Assert.True(json.RootElement[0].GetProperty("ids").GetArrayLength() > 2);
    }

    [Fact]
    public async Task Embed_MissingModelFolder_ExitsWithOneLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["embed", "--model", folder, "--text", "a dog"]);
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: Cannot load model '{folder}': the folder does not exist, and no model pulled into", stderr.Trim(), StringComparison.Ordinal);
    }

    private static float[] Vector(JsonElement record) => record.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    [Theory]
    [InlineData("index")]
    [InlineData("search")]
    [InlineData("caption")]
    [InlineData("status")]
    [InlineData("remove")]
    [InlineData("models pull")]
    [InlineData("eval")]
    [InlineData("features")]
    [InlineData("tokenize")]
    [InlineData("embed")]
    public async Task Help_ListsEveryOptionOnce_AndTheModelOptionTheSameWayEverywhere(string command)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync([.. command.Split(' '), "--help"]);
        Assert.True(exit == 0, stderr);
        var options = stdout.Split('\n').SkipWhile(l => !l.StartsWith("Options:", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.StartsWith('-')).ToList();
        Assert.NotEmpty(options);
        var names = options.SelectMany(l => l.Split("  ")[0].Split(", ")).Select(n => n.Split(' ')[0]).ToList();
        Assert.Equal(names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        if (options.FirstOrDefault(l => l.StartsWith("-m, --model", StringComparison.Ordinal)) is { } model)
        {
            Assert.EndsWith("(default: $RETRIEVAL_MODEL, else the bundled model)", model, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DeviceAuto_OnAMachineWithoutCuda_SaysSoOnlyWhenAskedForDetail()
    {
        var (exit, _, quiet) = await ChildProcess.RunCliAsync(["embed", "--model", Model, "--text", "a dog"]);
        Assert.True(exit == 0, quiet);
        Assert.DoesNotContain("CUDA", quiet, StringComparison.Ordinal);
        var (verboseExit, _, verbose) = await ChildProcess.RunCliAsync(["embed", "--model", Model, "--text", "a dog", "--verbose"]);
        Assert.True(verboseExit == 0, verbose);
        Assert.Contains("CUDA is not available", verbose, StringComparison.Ordinal);
    }
}
