using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Models;

/// <summary>
/// The replica exports of tests/replicas/build_models.py — immich's layout (CLIP BPE, SigLIP-style Unigram with
/// canonicalize and squash + bilinear, M-CLIP with input_ids + attention_mask, a visual graph that takes uint8 RGB and
/// normalises it itself; every graph fixed at a batch of 1) and
/// transformers.js's (plain, quantized and fp16 variants) — give the reference library's ids and PyTorch's vectors on
/// Pillow's preprocessing, for texts in several scripts and photos in every EXIF orientation.
/// </summary>
public sealed class ReplicaModelTests
{
    private static readonly JsonElement Ids = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Replicas, "models", "ids.json"))).RootElement;

    public static TheoryData<string, string> Models() =>
    [
        ("immich-clip", ""), ("immich-siglip", ""), ("immich-mclip", ""), ("immich-bytes", ""),
        ("xenova-clip", ""), ("xenova-clip", "quantized"), ("xenova-clip", "fp16"),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void Texts_GiveTheRuntimesIds_AndPyTorchsVectors(string name, string variant)
    {
        var (model, reference) = Load(name, variant);
        using (model)
        {
            var texts = reference.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
            var expectedIds = Ids.GetProperty(name).GetProperty("ids").EnumerateArray().ToList();
            var masks = Ids.GetProperty(name).GetProperty("masks").EnumerateArray().ToList();
            var vectors = model.Text.Encode(texts, TestContext.Current.CancellationToken);
            var expected = reference.GetProperty("text_vectors").GetProperty(variant.Length == 0 ? "plain" : variant).EnumerateArray().ToList();
            var worst = 1.0;
            for (var i = 0; i < texts.Count; i++)
            {
                // The runtime pads to the context; the mask says where its text ends.
                var used = masks[i].EnumerateArray().Count(m => m.GetInt32() == 1);
                Assert.Equal(expectedIds[i].EnumerateArray().Take(used).Select(e => e.GetInt32()), model.Text.Tokenizer.Encode(texts[i]));
                var cosine = TensorPrimitives.CosineSimilarity(Vector(expected[i]), vectors[i]);
                worst = Math.Min(worst, cosine);
                Assert.True(cosine >= Floor(variant, 0.9999), $"{name} {variant}, text {i} {JsonSerializer.Serialize(texts[i])}: cosine {cosine}");
            }

            TestContext.Current.SendDiagnosticMessage($"{name} {variant}: {texts.Count} texts, lowest cosine {worst:0.000000}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Images_GivePyTorchsVectorsOnPillowsPreprocessing(string name, string variant)
    {
        var (model, reference) = Load(name, variant);
        using (model)
        {
            var expected = reference.GetProperty("image_vectors").GetProperty(variant.Length == 0 ? "plain" : variant).EnumerateObject().ToList();
            var paths = expected.Select(e => Path.Combine(RepositoryPaths.Replicas, "images", e.Name)).ToList();
            var vectors = model.EmbedImageFiles(paths, new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken);
            for (var i = 0; i < paths.Count; i++)
            {
                var cosine = TensorPrimitives.CosineSimilarity(Vector(expected[i].Value), vectors[i]);
                TestContext.Current.SendDiagnosticMessage($"{name} {variant} {expected[i].Name}: cosine {cosine:0.000000}");
                // The 12 MP JPEG is decoded at a reduced scale (as Pillow's draft would), the others in full.
                var floor = expected[i].Name.StartsWith("large", StringComparison.Ordinal) ? 0.99 : Floor(variant, 0.999);
                Assert.True(cosine >= floor, $"{name} {variant} {expected[i].Name}: cosine {cosine}");
            }
        }
    }

    [Fact]
    public void ImmichGraphs_FixedAtOne_RunOneAtATime_AndTheLayoutIsRead()
    {
        var (model, _) = Load("immich-siglip", "");
        using (model)
        {
            Assert.Equal(ModelLayout.Immich, model.Manifest.Layout);
            Assert.Equal(1, model.Text.MaxBatchSize);
            Assert.Equal(ResizeMode.Squash, model.Manifest.Preprocess.Resize);
            Assert.Equal(ResampleFilter.Bilinear, model.Manifest.Preprocess.Filter);
            Assert.Equal(Retrieval.Text.TextCleaning.Canonicalize, model.Manifest.TextCleaning);
            Assert.Equal(16, model.Manifest.ContextLength);
            // More than one image in a batch still runs, one graph run each.
            var batch = model.Images.CreateBatch(3);
            Assert.Equal(3, batch.Capacity);
            model.Images.Encode(batch, 3, new float[3 * model.Dimension], TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void AGraphThatNormalisesItself_GetsTheResizedBytes()
    {
        var (model, _) = Load("immich-bytes", "");
        using (model)
        {
            Assert.True(model.Images.TakesBytes);
            Assert.Equal([0f, 0f, 0f], model.Preprocessor.Options.Mean);
            Assert.Equal(1f, model.Preprocessor.Options.RescaleFactor);
        }
    }

    // Half-precision graphs compute in float16: a thousandth of cosine is their own rounding.
    private static double Floor(string variant, double full) => variant == "fp16" ? 0.999 : full;

    private static (ClipModel Model, JsonElement Reference) Load(string name, string variant)
    {
        var folder = Path.Combine(RepositoryPaths.Replicas, "models", name);
        var model = ClipModel.Load(new ModelOptions { Path = folder, Variant = variant, Device = ExecutionDevice.Cpu, MaxBatchSize = 4 });
        return (model, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "reference.json"))).RootElement);
    }

    private static float[] Vector(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];
}
