using System.Text.Json;
using Retrieval.Text;

namespace Retrieval.Tests.Text;

public sealed class ClipTokenizerTests
{
    private static readonly Lazy<ClipTokenizer> Bundled = new(() => ClipTokenizer.FromFiles(
        Path.Combine(SharedData.BundledTinyModel, "vocab.json"), Path.Combine(SharedData.BundledTinyModel, "merges.txt"), 77));

    [Fact]
    public void GoldenCases_MatchReferenceIdsExactly()
    {
        var golden = SharedData.Require("golden/clip_tokenizer.json");
        var vocab = SharedData.Require("golden/clip-vocab");
        using var document = JsonDocument.Parse(File.ReadAllText(golden));
        var root = document.RootElement;
        var tokenizer = ClipTokenizer.FromFiles(
            Path.Combine(vocab, "vocab.json"), Path.Combine(vocab, "merges.txt"), root.GetProperty("context_length").GetInt32());
        Assert.Equal(root.GetProperty("start_id").GetInt32(), tokenizer.StartTokenId);
        Assert.Equal(root.GetProperty("end_id").GetInt32(), tokenizer.EndTokenId);

        var failures = new List<string>();
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        foreach (var item in cases)
        {
            var text = item.GetProperty("text").GetString()!;
            var expected = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = tokenizer.Encode(text);
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(',', expected)}] got [{string.Join(',', actual)}]");
            }
        }

        Assert.True(cases.Count >= 59, $"only {cases.Count} golden cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases differ:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void LongText_IsTruncatedKeepingEndToken()
    {
        var tokenizer = Bundled.Value;
        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("dog", 200)));
        Assert.Equal(77, ids.Length);
        Assert.Equal(tokenizer.StartTokenId, ids[0]);
        Assert.Equal(tokenizer.EndTokenId, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(ids[1], id));
    }

    [Fact]
    public void EmptyAndBlankText_GiveStartAndEndOnly()
    {
        var tokenizer = Bundled.Value;
        Assert.Equal([tokenizer.StartTokenId, tokenizer.EndTokenId], tokenizer.Encode(""));
        Assert.Equal([tokenizer.StartTokenId, tokenizer.EndTokenId], tokenizer.Encode(" \t\n "));
    }

    [Fact]
    public void CaseAndSpacing_DoNotChangeIds()
    {
        var tokenizer = Bundled.Value;
        Assert.Equal(tokenizer.Encode("a photo of a cat"), tokenizer.Encode("  A   PHOTO of\ta Cat "));
    }

    [Fact]
    public void MissingVocabulary_ThrowsModelLoadExceptionNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "vocab.json");
        var error = Assert.Throws<Retrieval.Errors.ModelLoadException>(() => ClipTokenizer.FromFiles(missing, missing, 77));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
