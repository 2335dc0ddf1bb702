using BenchmarkDotNet.Attributes;
using Retrieval.Testing;
using Retrieval.Text;

namespace Retrieval.Benchmarks.Text;

/// <summary>CLIP tokenization of a typical caption.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class TokenizeBenchmarks
{
    private readonly ClipTokenizer _tokenizer = ClipTokenizer.FromFiles(
        Path.Combine(RepositoryPaths.TinyModel, "vocab.json"), Path.Combine(RepositoryPaths.TinyModel, "merges.txt"), 77);

    [Benchmark]
    public int[] Caption() => _tokenizer.Encode("A man in a red jacket is climbing a rock wall near the river.");
}
