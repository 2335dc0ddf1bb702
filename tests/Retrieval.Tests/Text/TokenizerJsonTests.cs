using System.Text.Json;
using Retrieval.Errors;
using Retrieval.Testing;
using Retrieval.Text.Pipeline;

namespace Retrieval.Tests.Text;

/// <summary>
/// Every replica tokenizer.json (tests/replicas/build_tokenizers.py: CLIP byte-level BPE, SigLIP-style Unigram with a
/// Precompiled charsmap, Gemma-style BPE with byte fallback, BERT WordPiece) gives exactly the ids Hugging Face's own
/// tokenizers gives (tests/replicas/reference_ids.mjs), on texts in several scripts, with emoji, tabs, HTML entities,
/// typed special tokens and over-long ones, whole and truncated.
/// </summary>
public sealed class TokenizerJsonTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Replicas, "tokenizers", "reference_ids.json"))).RootElement;

    public static TheoryData<string> Tokenizers() => [.. Reference.GetProperty("tokenizers").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Ids_EqualHuggingFaceTokenizers_WholeAndTruncated(string name)
    {
        var path = Path.Combine(RepositoryPaths.Replicas, "tokenizers", name, TokenizerJson.FileName);
        var texts = Reference.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
        var expected = Reference.GetProperty("tokenizers").GetProperty(name);
        var whole = TokenizerJson.Load(path, contextLength: 10_000);
        var cut = TokenizerJson.Load(path, contextLength: Reference.GetProperty("context").GetInt32());
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(Ids(expected.GetProperty("ids")[i]).SequenceEqual(whole.Encode(texts[i])),
                $"{name}, text {i} '{texts[i]}': expected [{string.Join(',', Ids(expected.GetProperty("ids")[i]))}], got [{string.Join(',', whole.Encode(texts[i]))}]");
            Assert.Equal(Ids(expected.GetProperty("truncated")[i]), cut.Encode(texts[i]));
        }
    }

    [Fact]
    public void AnUnknownPart_IsAnErrorNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("retrieval-tokenizer-json-");
        try
        {
            var path = Path.Combine(folder.FullName, TokenizerJson.FileName);
            File.WriteAllText(path, """{"normalizer": {"type": "Funky"}, "model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0}}}""");
            var error = Assert.Throws<ModelLoadException>(() => TokenizerJson.Load(path, 16));
            Assert.Contains("normalizer 'Funky' is not supported", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "{ not json");
            Assert.Throws<ModelLoadException>(() => TokenizerJson.Load(path, 16));
            File.Delete(path);
            Assert.Contains("missing", Assert.Throws<ModelLoadException>(() => TokenizerJson.Load(path, 16)).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int[] Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
