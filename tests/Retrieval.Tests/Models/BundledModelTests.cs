using Retrieval.Testing;
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

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    public void Texts_MatchPyTorchVectors_InAnyBatchSize(int batchSize)
    {
        using var model = TestModels.Tiny(batchSize, threads: 1);
        ReferenceVectors.AssertTextsMatch(model, Reference);
    }

    [Fact]
    public void Images_MatchPyTorchVectors()
    {
        using var model = TestModels.Tiny(3, threads: 1);
        ReferenceVectors.AssertImagesMatch(model, Reference);
    }

    [Fact]
    public void Manifest_ReadsBareNumberSizesAndTheFallbackOutput()
    {
        using var model = TestModels.Tiny(4, threads: 1);
        Assert.Equal(77, model.Manifest.ContextLength);
        Assert.Equal(24, model.Dimension);
        Assert.Equal(48, model.Manifest.Preprocess.ShortestEdge);
        Assert.Equal(40, model.Manifest.Preprocess.CropHeight);
        Assert.Equal(40 * 40 * 3, model.Manifest.Preprocess.TensorLength);
    }

    [Fact]
    public void Embeddings_AreUnitLength()
    {
        using var model = TestModels.Tiny(8, threads: 1);
        var vectors = model.Text.Encode(["a", "two dogs playing in the snow", string.Join(' ', Enumerable.Repeat("long", 100))], TestContext.Current.CancellationToken);
        Assert.All(vectors, v => Assert.Equal(1.0, TensorPrimitives.Norm(v), 4));
    }

    [Fact]
    public void CancelledToken_StopsEncoding()
    {
        using var model = TestModels.Tiny(1, threads: 1);
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
            TestFiles.CopyNamed(SharedData.BundledTinyModel, folder.FullName, ["config.json", "preprocessor_config.json", "vocab.json", "merges.txt"]);

            var error = Assert.Throws<ModelLoadException>(() => TestModels.Load(folder.FullName));
            Assert.Contains("text_model.onnx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void CorruptGraph_ThrowsModelLoadException() =>
        AssertDamagedCopyFails("onnx/vision_model.onnx", "not an onnx graph", "vision_model.onnx");

    [Fact]
    public void MalformedPreprocessorConfig_ThrowsModelLoadExceptionNamingTheField() =>
        AssertDamagedCopyFails("preprocessor_config.json", """{"size": 48, "crop_size": 40, "image_mean": [0.5, 0.5], "image_std": [0.2, 0.2, 0.2]}""", "image_mean");

    [Fact]
    public void GraphDisagreeingWithPreprocessor_ThrowsModelLoadException() =>
        AssertDamagedCopyFails("preprocessor_config.json", """{"size": 64, "crop_size": 64, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.2, 0.2, 0.2]}""", "3 x 64 x 64");

    [Fact]
    public void MalformedConfigJson_ThrowsModelLoadExceptionNamingTheFile() =>
        AssertDamagedCopyFails("config.json", "{ not json", "config.json");

    /// <summary>Copies the bundled model, overwrites one file, and expects loading to fail naming <paramref name="expected"/>.</summary>
    private static void AssertDamagedCopyFails(string file, string content, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("retrieval-model-");
        try
        {
            TestFiles.CopyTree(SharedData.BundledTinyModel, folder.FullName);
            File.WriteAllText(Path.Combine(folder.FullName, file), content);
            var error = Assert.Throws<ModelLoadException>(() => TestModels.Load(folder.FullName));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
