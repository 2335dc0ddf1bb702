using Retrieval.Testing;
using System.Text.Json;
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
            ReferenceVectors.AssertTextsMatch(model, golden);
        }
    }

    [Fact]
    public void GoldenImages_MatchReferenceVectors()
    {
        var (model, golden) = Load();
        using (model)
        {
            ReferenceVectors.AssertImagesMatch(model, golden);
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
        return (TestModels.Load(dir, 4), golden);
    }
}
