using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Text;
using Retrieval.Text.Pipeline;

namespace Retrieval.Models;

/// <summary>
/// Which tokenizer a model's text folder asks for, and how: a <c>tokenizer.json</c> when there is one (the export's own
/// pipeline, the reference wherever it and an older file disagree); else <c>tokenizer_config.json</c>'s
/// <c>tokenizer_class</c> (a CLIP or a BERT tokenizer, fast or not), else the files present (<c>vocab.txt</c> is
/// WordPiece, a SentencePiece <c>.model</c> SentencePiece, <c>vocab.json</c> + <c>merges.txt</c> CLIP BPE). For
/// WordPiece, <c>do_lower_case</c> (default true) and <c>strip_accents</c> (default: as lower-casing) are read as
/// Hugging Face reads them; the padding token from <c>tokenizer_config.json</c> or <c>special_tokens_map.json</c>.
/// </summary>
public sealed record TokenizerSettings(TokenizerKind Kind, bool LowerCase, bool StripAccents)
{
    internal const string ConfigFile = "tokenizer_config.json";
    internal const string SpecialTokensFile = "special_tokens_map.json";

    // The names SentencePiece models ship under, in the order they are looked for.
    private static readonly string[] SentencePieceFiles = ["spiece.model", "tokenizer.model", "sentencepiece.bpe.model", "sentencepiece.model"];

    /// <summary>
    /// Every file a tokenizer may be read from, by name within its folder: what a model download fetches beside
    /// the graphs, whichever family the export uses.
    /// </summary>
    internal static IReadOnlyList<string> Files { get; } =
        [TokenizerJson.FileName, ConfigFile, SpecialTokensFile, "vocab.json", "merges.txt", "vocab.txt", .. SentencePieceFiles];

    /// <summary>The folder the tokenizer files are in.</summary>
    public string Folder { get; init; } = "";

    /// <summary>The token a batch is padded with, when the export names one.</summary>
    public string? PadToken { get; init; }

    /// <summary>The tokenizer's vocabulary or model file.</summary>
    public string VocabularyPath => Path.Combine(Folder, Kind switch
    {
        TokenizerKind.WordPiece => "vocab.txt",
        TokenizerKind.TokenizerJson => TokenizerJson.FileName,
        TokenizerKind.SentencePiece => SentencePieceFiles.FirstOrDefault(f => File.Exists(Path.Combine(Folder, f))) ?? SentencePieceFiles[0],
        _ => "vocab.json",
    });

    /// <summary>The files the tokenizer needs, each checked for by the manifest.</summary>
    public IReadOnlyList<string> RequiredFiles => Kind == TokenizerKind.ClipBpe ? [VocabularyPath, Path.Combine(Folder, "merges.txt")] : [VocabularyPath];

    /// <summary>Reads the settings of the tokenizer folder <paramref name="folder"/>.</summary>
    /// <exception cref="ModelLoadException">The config names a tokenizer this engine does not have, or no tokenizer files are there.</exception>
    public static TokenizerSettings Read(string folder, Func<string, JsonNode?> readJson)
    {
        ArgumentNullException.ThrowIfNull(readJson);
        var config = File.Exists(Path.Combine(folder, ConfigFile)) ? readJson(Path.Combine(folder, ConfigFile)) : null;
        var special = File.Exists(Path.Combine(folder, SpecialTokensFile)) ? readJson(Path.Combine(folder, SpecialTokensFile)) : null;
        var kind = File.Exists(Path.Combine(folder, TokenizerJson.FileName)) ? TokenizerKind.TokenizerJson : config?["tokenizer_class"]?.GetValue<string>() switch
        {
            { } name when name.Contains("CLIP", StringComparison.OrdinalIgnoreCase) => TokenizerKind.ClipBpe,
            { } name when name.Contains("Bert", StringComparison.OrdinalIgnoreCase) => TokenizerKind.WordPiece,
            { } name when name.Contains("XLMRoberta", StringComparison.OrdinalIgnoreCase) =>
                throw new ModelLoadException(folder, $"{ConfigFile} names tokenizer_class '{name}', whose SentencePiece ids are shifted by fairseq's offsets; an export with its tokenizer.json loads"),
            { } when HasSentencePiece(folder) => TokenizerKind.SentencePiece,
            { } name => throw new ModelLoadException(folder, $"{ConfigFile} names tokenizer_class '{name}' and there is no tokenizer.json; this engine reads tokenizer.json, SentencePiece models, CLIP BPE and BERT WordPiece"),
            null when File.Exists(Path.Combine(folder, "vocab.txt")) => TokenizerKind.WordPiece,
            null when HasSentencePiece(folder) => TokenizerKind.SentencePiece,
            null => TokenizerKind.ClipBpe,
        };
        var lower = Flag(config?["do_lower_case"], folder) ?? true;
        return new TokenizerSettings(kind, lower, Flag(config?["strip_accents"], folder) ?? lower)
        {
            Folder = folder,
            PadToken = TokenText(config?["pad_token"]) ?? TokenText(special?["pad_token"]),
        };
    }

    /// <summary>Loads the tokenizer, <paramref name="contextLength"/> ids long at most.</summary>
    /// <exception cref="ModelLoadException">A tokenizer file is missing or malformed.</exception>
    public ITextTokenizer Load(int contextLength) => Kind switch
    {
        TokenizerKind.WordPiece => WordPieceTokenizer.FromFile(VocabularyPath, contextLength, LowerCase, StripAccents),
        TokenizerKind.TokenizerJson => TokenizerJson.Load(VocabularyPath, contextLength, PadToken),
        TokenizerKind.SentencePiece => Text.SentencePiece.SentencePieceModelFile.Load(VocabularyPath, contextLength, PadToken),
        _ => ClipTokenizer.FromFiles(VocabularyPath, Path.Combine(Folder, "merges.txt"), contextLength),
    };

    private static bool HasSentencePiece(string folder) => SentencePieceFiles.Any(f => File.Exists(Path.Combine(folder, f)));

    // A token is written as its text, or (newer files) as an object with its "content".
    private static string? TokenText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject token => token["content"]?.GetValue<string>(),
        _ => null,
    };

    private static bool? Flag(JsonNode? node, string folder) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new ModelLoadException(folder, $"{ConfigFile}: expected true, false or null, not {node.ToJsonString()}"),
    };
}
