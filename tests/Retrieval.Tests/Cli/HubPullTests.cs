using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// `retrieval models pull OWNER/NAME` against a loopback server that answers like the Hugging Face hub (tree listing in
/// pages, resolve URLs, LFS SHA-256 and git blob SHA-1), for an immich repository and a transformers.js one with
/// variants; then `models list` and `embed --model NAME` on what arrived.
/// </summary>
public sealed class HubPullTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-hub-pull-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Models => Path.Combine(_folder.FullName, "models");

    [Theory]
    [InlineData("immich-clip", "immich-app/ViT-Replica__test", null, "immich")]
    [InlineData("xenova-clip", "Xenova/clip-replica", "quantized", "huggingface")]
    public async Task Pull_FetchesExactlyTheFilesTheLayoutNeeds_AndTheModelServesByName(string replica, string repository, string? variant, string layout)
    {
        var source = Path.Combine(RepositoryPaths.Replicas, "models", replica);
        using var server = ModelFolderServer.Hub(source, repository);
        server.ExtraListing.AddRange(["textual/fp16/model.armnn", "rknpu/visual/model.rknn", "README.md"]);
        var environment = Environment(server);
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["models", "pull", repository, .. variant is null ? [] : new[] { "--variant", variant }], environment);
        Assert.True(exit == 0, stderr);
        var name = repository.Split('/')[1];
        Assert.Contains($"--model {name}", stdout, StringComparison.Ordinal);

        var pulled = Path.Combine(Models, name);
        var fetched = server.Requests.Select(r => r.File).Where(f => !f.StartsWith("api/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var expected = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(source, f).Replace('\\', '/'))
            .Where(f => f != "reference.json" && (variant is null || !f.StartsWith("onnx/", StringComparison.Ordinal) || f.Contains($"_{variant}.onnx", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), fetched.Order(StringComparer.Ordinal));
        foreach (var file in expected)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, file)), File.ReadAllBytes(Path.Combine(pulled, file)));
        }

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["models", "list", "--json"], environment);
        Assert.True(exit == 0, stderr);
        var listed = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal(name, listed.GetProperty("name").GetString());
        Assert.Equal(layout, listed.GetProperty("layout").GetString());
        Assert.Equal("tokenizer.json", listed.GetProperty("tokenizer").GetString());
        Assert.True(listed.GetProperty("dimension").GetInt32() > 0);

        // By name, not path; a folder pulled with one variant loads it without being told.
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["embed", "--model", name, "--device", "cpu", "--text", "a photo of a dog", "--json"], environment);
        Assert.True(exit == 0, stderr);
        var vector = JsonDocument.Parse(stdout).RootElement[0].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(source, "reference.json"))).RootElement;
        var want = reference.GetProperty("text_vectors").GetProperty(variant ?? "plain")[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.True(TensorPrimitives.CosineSimilarity(want, vector) >= 0.9999);
    }

    [Theory]
    [InlineData("immich-siglip", "immich-app/SigLIP-Replica", "visual/model.onnx", "textual/tokenizer.json", "git blob SHA-1")]
    [InlineData("xenova-clip", "Xenova/clip-replica", "onnx/vision_model.onnx", "onnx/text_model.onnx", "SHA-256")]
    public async Task Pull_ResumesACutConnection_AndRefusesAFileWhoseDigestIsWrong(string replica, string repository, string cut, string falsified, string digest)
    {
        var source = Path.Combine(RepositoryPaths.Replicas, "models", replica);
        var target = Path.Combine(Models, repository.Split('/')[1]);
        using (var server = ModelFolderServer.Hub(source, repository))
        {
            server.BreakOnce.Add(cut);
            var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", repository], Environment(server));
            Assert.Equal(1, exit);
            Assert.Contains("run the command again to resume", stderr, StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(target, cut + ".part")).Length > 0, "the cut download left no part to resume");
            (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", repository], Environment(server));
            Assert.True(exit == 0, stderr);
            Assert.Contains(server.Requests, r => r.File == cut && r.Range is { } range && range != "bytes=0-");
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, cut)), File.ReadAllBytes(Path.Combine(target, cut)));
        }

        Directory.Delete(Models, recursive: true);
        using (var server = ModelFolderServer.Hub(source, repository))
        {
            server.FalseSum = falsified;
            var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", repository], Environment(server));
            Assert.Equal(1, exit);
            Assert.Contains($"{digest} ", stderr, StringComparison.Ordinal);
            Assert.Contains("does not match", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(target, falsified)));
            Assert.False(File.Exists(Path.Combine(target, falsified + ".part")));
        }
    }

    [Theory]
    [InlineData("Xenova/clip-replica", "q4", "--variant one of: fp16, quantized")]
    [InlineData("Nobody/no-such-model", null, "has no such repository")]
    public async Task Pull_SaysWhatIsWrong_InOneLine(string repository, string? variant, string reason)
    {
        using var server = ModelFolderServer.Hub(Path.Combine(RepositoryPaths.Replicas, "models", "xenova-clip"), "Xenova/clip-replica");
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["models", "pull", repository, .. variant is null ? [] : new[] { "--variant", variant }], Environment(server));
        Assert.Equal(1, exit);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private Dictionary<string, string?> Environment(ModelFolderServer server) => new()
    {
        ["HF_ENDPOINT"] = server.Address,
        ["RETRIEVAL_MODELS"] = Models,
    };
}
