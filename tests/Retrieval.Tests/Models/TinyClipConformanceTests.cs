using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Tests.Models;

/// <summary>A model whose loader nobody here wrote: its golden vectors come from PyTorch.</summary>
public sealed class TinyClipConformanceTests
{
    [Fact]
    public void GoldenTexts_MatchReferenceVectors()
    {
        var (model, golden) = Load();
        using (model)
        {
            var texts = golden.GetProperty("texts").EnumerateArray().ToList();
            var vectors = model.Text.Encode(texts.Select(t => t.GetProperty("text").GetString()!).ToList(), TestContext.Current.CancellationToken);
            for (var i = 0; i < texts.Count; i++)
            {
                var expectedIds = texts[i].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                Assert.Equal(expectedIds, model.Text.Tokenizer.Encode(texts[i].GetProperty("text").GetString()!));
                var expected = Vector(texts[i]);
                var maxAbs = expected.Zip(vectors[i], (a, b) => Math.Abs(a - b)).Max();
                TestContext.Current.SendDiagnosticMessage($"tiny-clip-hf text {i}: max |diff| {maxAbs:E2}");
                Assert.True(maxAbs <= 1e-3, $"text {i}: max |diff| {maxAbs}");
            }
        }
    }

    [Fact]
    public void GoldenImages_MatchReferenceVectors()
    {
        var (model, golden) = Load();
        using (model)
        {
            var images = golden.GetProperty("images").EnumerateArray().ToList();
            var modelDir = model.Manifest.Directory;
            var paths = images.Select(i => Path.GetFullPath(Path.Combine(modelDir, i.GetProperty("image").GetString()!))).ToList();
            var vectors = model.EmbedImageFiles(paths, new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken);
            for (var i = 0; i < images.Count; i++)
            {
                var cosine = TensorPrimitives.CosineSimilarity(Vector(images[i]), vectors[i]);
                TestContext.Current.SendDiagnosticMessage($"tiny-clip-hf {Path.GetFileName(paths[i])}: cosine {cosine:0.000000}");
                Assert.True(cosine >= 0.999, $"{paths[i]}: cosine {cosine}");
            }
        }
    }

    [Fact]
    public void Manifest_IsReadFromTheConfigFiles()
    {
        var (model, _) = Load();
        using (model)
        {
            Assert.Equal(32, model.Manifest.ContextLength);
            Assert.Equal(32, model.Dimension);
            Assert.Equal(64, model.Manifest.Preprocess.ShortestEdge);
            Assert.Equal(64, model.Manifest.Preprocess.CropWidth);
            Assert.Equal(ExecutionDevice.Cpu, model.Text.Device);
        }
    }

    private static (ClipModel Model, JsonElement Golden) Load()
    {
        var dir = SharedData.Require("golden/models/tiny-clip-hf");
        var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "golden_embeddings.json"))).RootElement;
        return (ClipModel.Load(new ModelOptions { Path = dir, Device = ExecutionDevice.Cpu, MaxBatchSize = 4 }), golden);
    }

    private static float[] Vector(JsonElement item) => item.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
