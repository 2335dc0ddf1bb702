using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Tests.Models;

/// <summary>
/// The random-weight model in data/models, built by tools/make_tiny_model.py: int32 ids, no attention
/// mask, an output named neither text_embeds nor image_embeds, a crop smaller than the resize. Its
/// reference vectors come from PyTorch with PIL preprocessing. Needs nothing outside the repository.
/// </summary>
public sealed class BundledModelTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(SharedData.BundledTinyModel, "reference_embeddings.json"))).RootElement;

    [Fact]
    public void Texts_MatchPyTorchVectors_InAnyBatchSize()
    {
        var texts = Reference.GetProperty("texts").EnumerateArray().ToList();
        foreach (var batchSize in (int[])[1, 3, 32])
        {
            using var model = Load(batchSize);
            var vectors = model.Text.Encode(texts.Select(t => t.GetProperty("text").GetString()!).ToList(), TestContext.Current.CancellationToken);
            for (var i = 0; i < texts.Count; i++)
            {
                var maxAbs = Vector(texts[i]).Zip(vectors[i], (a, b) => Math.Abs(a - b)).Max();
                Assert.True(maxAbs <= 1e-3, $"batch {batchSize}, text {i}: max |diff| {maxAbs}");
            }
        }
    }

    [Fact]
    public void Images_MatchPyTorchVectors()
    {
        using var model = Load(2);
        var images = Reference.GetProperty("images").EnumerateArray().ToList();
        var paths = images.Select(i => Path.GetFullPath(Path.Combine(model.Manifest.Directory, i.GetProperty("image").GetString()!))).ToList();
        var vectors = model.EmbedImageFiles(paths, new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken);
        for (var i = 0; i < images.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(Vector(images[i]), vectors[i]);
            TestContext.Current.SendDiagnosticMessage($"tiny-random-clip {Path.GetFileName(paths[i])}: cosine {cosine:0.000000}");
            Assert.True(cosine >= 0.999, $"{paths[i]}: cosine {cosine}");
        }
    }

    [Fact]
    public void Manifest_ReadsBareNumberSizesAndTheFallbackOutput()
    {
        using var model = Load(4);
        Assert.Equal(77, model.Manifest.ContextLength);
        Assert.Equal(24, model.Dimension);
        Assert.Equal(48, model.Manifest.Preprocess.ShortestEdge);
        Assert.Equal(40, model.Manifest.Preprocess.CropHeight);
        Assert.Equal(40 * 40 * 3, model.Manifest.Preprocess.TensorLength);
    }

    [Fact]
    public void Embeddings_AreUnitLength()
    {
        using var model = Load(8);
        var vectors = model.Text.Encode(["a", "two dogs playing in the snow", string.Join(' ', Enumerable.Repeat("long", 100))], TestContext.Current.CancellationToken);
        Assert.All(vectors, v => Assert.Equal(1.0, TensorPrimitives.Norm(v), 4));
    }

    [Fact]
    public void CancelledToken_StopsEncoding()
    {
        using var model = Load(1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => model.Text.Encode(["a dog"], cancelled.Token));
    }

    [Fact]
    public void IncompleteFolder_ThrowsModelLoadExceptionNamingTheMissingFile()
    {
        var folder = Directory.CreateTempSubdirectory("retrieval-model-");
        try
        {
            foreach (var file in (string[])["config.json", "preprocessor_config.json", "vocab.json", "merges.txt"])
            {
                File.Copy(Path.Combine(SharedData.BundledTinyModel, file), Path.Combine(folder.FullName, file));
            }

            var error = Assert.Throws<ModelLoadException>(() => ClipModel.Load(new ModelOptions { Path = folder.FullName, Device = ExecutionDevice.Cpu }));
            Assert.Contains("text_model.onnx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void CorruptGraph_ThrowsModelLoadException()
    {
        var folder = Directory.CreateTempSubdirectory("retrieval-model-");
        try
        {
            CopyDirectory(SharedData.BundledTinyModel, folder.FullName);
            File.WriteAllText(Path.Combine(folder.FullName, "onnx", "vision_model.onnx"), "not an onnx graph");
            var error = Assert.Throws<ModelLoadException>(() => ClipModel.Load(new ModelOptions { Path = folder.FullName, Device = ExecutionDevice.Cpu }));
            Assert.Contains("vision_model.onnx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void MalformedPreprocessorConfig_ThrowsModelLoadExceptionNamingTheField()
    {
        var folder = Directory.CreateTempSubdirectory("retrieval-model-");
        try
        {
            CopyDirectory(SharedData.BundledTinyModel, folder.FullName);
            File.WriteAllText(Path.Combine(folder.FullName, "preprocessor_config.json"), """{"size": 48, "crop_size": 40, "image_mean": [0.5, 0.5], "image_std": [0.2, 0.2, 0.2]}""");
            var error = Assert.Throws<ModelLoadException>(() => ClipModel.Load(new ModelOptions { Path = folder.FullName, Device = ExecutionDevice.Cpu }));
            Assert.Contains("image_mean", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static ClipModel Load(int batchSize) =>
        ClipModel.Load(new ModelOptions { Path = SharedData.BundledTinyModel, Device = ExecutionDevice.Cpu, MaxBatchSize = batchSize, IntraOpThreads = 1 });

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static float[] Vector(JsonElement item) => item.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
