using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Tests;

/// <summary>
/// Checks a model against reference vectors made by another implementation, in the layout of
/// golden_embeddings.json: texts (text, ids, vector) and images (path relative to the model folder, vector).
/// Tolerances: texts max absolute difference 1e-3, images cosine 0.999.
/// </summary>
internal static class ReferenceVectors
{
    public static void AssertTextsMatch(ClipModel model, JsonElement reference)
    {
        var texts = reference.GetProperty("texts").EnumerateArray().ToList();
        var vectors = model.Text.Encode(texts.Select(t => t.GetProperty("text").GetString()!).ToList(), TestContext.Current.CancellationToken);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i].GetProperty("text").GetString()!;
            Assert.Equal(texts[i].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()), model.Text.Tokenizer.Encode(text));
            var maxAbs = Vector(texts[i]).Zip(vectors[i], (a, b) => Math.Abs(a - b)).Max();
            TestContext.Current.SendDiagnosticMessage($"{model.Manifest.Id} text {i} (batch {model.Text.MaxBatchSize}): max |diff| {maxAbs:E2}");
            Assert.True(maxAbs <= 1e-3, $"{model.Manifest.Id}, text {JsonSerializer.Serialize(text)}: max |diff| {maxAbs}");
        }
    }

    public static void AssertImagesMatch(ClipModel model, JsonElement reference)
    {
        var images = reference.GetProperty("images").EnumerateArray().ToList();
        var paths = images.Select(i => Path.GetFullPath(Path.Combine(model.Manifest.Directory, i.GetProperty("image").GetString()!))).ToList();
        var vectors = model.EmbedImageFiles(paths, new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken);
        for (var i = 0; i < images.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(Vector(images[i]), vectors[i]);
            TestContext.Current.SendDiagnosticMessage($"{model.Manifest.Id} {Path.GetFileName(paths[i])}: cosine {cosine:0.000000}");
            Assert.True(cosine >= 0.999, $"{paths[i]}: cosine {cosine}");
        }
    }

    /// <summary>Mean and largest absolute element difference of two equally long tensors.</summary>
    public static (double MeanAbs, double MaxAbs) Difference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double sum = 0, max = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var diff = Math.Abs(actual[i] - expected[i]);
            sum += diff;
            max = Math.Max(max, diff);
        }

        return (sum / actual.Length, max);
    }

    public static float[] Vector(JsonElement item) => item.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
