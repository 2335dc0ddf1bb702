using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Models;

namespace Retrieval.Tests.Models;

public sealed class TokenizerSettingsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-tokenizer-settings-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("""{"tokenizer_class": "BertTokenizerFast"}""", null, TokenizerKind.WordPiece, true, true)]
    [InlineData("""{"tokenizer_class": "BertTokenizer", "do_lower_case": false}""", null, TokenizerKind.WordPiece, false, false)]
    [InlineData("""{"tokenizer_class": "BertTokenizer", "do_lower_case": true, "strip_accents": false}""", null, TokenizerKind.WordPiece, true, false)]
    [InlineData("""{"tokenizer_class": "CLIPTokenizer"}""", "vocab.txt", TokenizerKind.ClipBpe, true, true)]
    [InlineData(null, "vocab.txt", TokenizerKind.WordPiece, true, true)]
    [InlineData(null, "vocab.json", TokenizerKind.ClipBpe, true, true)]
    public void TheFolderSaysWhichTokenizer(string? config, string? vocabulary, TokenizerKind kind, bool lowerCase, bool stripAccents)
    {
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(_folder.FullName, "tokenizer_config.json"), config);
        }

        if (vocabulary is not null)
        {
            File.WriteAllText(Path.Combine(_folder.FullName, vocabulary), "");
        }

        var settings = TokenizerSettings.Read(_folder.FullName, Json);
        Assert.Equal((kind, lowerCase, stripAccents), (settings.Kind, settings.LowerCase, settings.StripAccents));
    }

    [Theory]
    [InlineData("tokenizer.json", """{"tokenizer_class": "T5Tokenizer", "pad_token": "<pad>"}""", TokenizerKind.TokenizerJson, "<pad>")]
    [InlineData("spiece.model", """{"tokenizer_class": "SiglipTokenizer", "pad_token": {"content": "</s>", "lstrip": false}}""", TokenizerKind.SentencePiece, "</s>")]
    [InlineData("tokenizer.model", null, TokenizerKind.SentencePiece, null)]
    public void TheExportsOwnTokenizerFile_Wins_AndItsPaddingTokenIsRead(string file, string? config, TokenizerKind kind, string? padToken)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, file), "");
        File.WriteAllText(Path.Combine(_folder.FullName, "vocab.json"), "");
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(_folder.FullName, "tokenizer_config.json"), config);
        }

        var settings = TokenizerSettings.Read(_folder.FullName, Json);
        Assert.Equal(kind, settings.Kind);
        Assert.Equal(padToken, settings.PadToken);
        Assert.Equal(Path.Combine(_folder.FullName, file), settings.VocabularyPath);
    }

    [Fact]
    public void UnknownTokenizerClass_IsRefusedNamingIt()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "tokenizer_config.json"), """{"tokenizer_class": "T5Tokenizer"}""");
        var error = Assert.Throws<ModelLoadException>(() => TokenizerSettings.Read(_folder.FullName, Json));
        Assert.Contains("T5Tokenizer", error.Message, StringComparison.Ordinal);
        Assert.Contains("no tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    private static JsonNode? Json(string path) => JsonNode.Parse(File.ReadAllText(path));
}
