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
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["tokenize", "--model", Model, "--json", "a photo of a cat", "Dog"]);
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
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["embed", "--model", Model, "--device", "cpu", "--json", "--text", "a bowl of noodles", "--image", photo, "-t", "a bike"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var records = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["text", "image", "text"], records.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(["a bowl of noodles", photo, "a bike"], records.Select(r => r.GetProperty("input").GetString()));
        Assert.False(records[1].TryGetProperty("ids", out _));

        using var model = BundledModelTests.Load(4);
        var expectedImage = model.EmbedImageFiles([photo], new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken)[0];
        var expectedText = model.Text.Encode(["a bike"], TestContext.Current.CancellationToken)[0];
        Assert.True(TensorPrimitives.CosineSimilarity(expectedImage, Vector(records[1])) > 0.99999);
        Assert.True(TensorPrimitives.CosineSimilarity(expectedText, Vector(records[2])) > 0.99999);
        Assert.All(records, r => Assert.Equal(1.0, TensorPrimitives.Norm(Vector(r)), 4));
    }

    [Fact]
    public async Task Embed_ReadsTheModelFromTheEnvironment()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["embed", "--device", "cpu", "--text", "a dog"],
            new Dictionary<string, string?> { ["RETRIEVAL_MODEL"] = Model });
        Assert.True(exit == 0, stderr);
        Assert.Contains("vector (24 dims)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_UnreadableImage_ExitsWithOneLineNamingIt()
    {
        var notAnImage = Path.Combine(RepositoryPaths.Samples, "ATTRIBUTION.md");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["embed", "--model", Model, "--device", "cpu", "--image", notAnImage]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"error: Cannot read image '{notAnImage}': not a supported image format (JPEG, PNG, WebP, GIF, BMP) or the header is damaged",
            stderr.Trim());
    }

    [Fact]
    public async Task Embed_WithoutModel_ExplainsHowToGiveOne()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["embed", "--text", "a dog"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--model is required (or set $RETRIEVAL_MODEL)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_MissingModelFolder_ExitsWithOneLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        var (exit, _, stderr) = await CliProcess.RunAsync(["embed", "--model", folder, "--text", "a dog"]);
        Assert.Equal(1, exit);
        Assert.Equal($"error: Cannot load model '{folder}': the folder does not exist", stderr.Trim());
    }

    private static float[] Vector(JsonElement record) => record.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
