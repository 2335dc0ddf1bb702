using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Text.SentencePiece;

namespace Retrieval.Tests.Text;

/// <summary>
/// An export that ships only a SentencePiece .model (a Unigram one, T5/SigLIP style; a BPE one with byte fallback,
/// Gemma style) gives the ids the SentencePiece library gives (tests/replicas/build_tokenizers.py).
/// </summary>
public sealed class SentencePieceModelFileTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Replicas, "tokenizers", "sentencepiece_ids.json"))).RootElement;

    public static TheoryData<string> Models() => [.. Reference.GetProperty("models").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Ids_EqualTheSentencePieceLibrarys(string model)
    {
        var tokenizer = SentencePieceModelFile.Load(Path.Combine(RepositoryPaths.Replicas, "tokenizers", model), 10_000, padToken: null);
        var texts = Reference.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
        var expected = Reference.GetProperty("models").GetProperty(model).EnumerateArray().ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var want = expected[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var got = tokenizer.Encode(texts[i]);
            if (!want.SequenceEqual(got))
            {
                mismatches.Add($"text {i} {JsonSerializer.Serialize(texts[i])}: expected [{string.Join(',', want)}], got [{string.Join(',', got)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }
}
