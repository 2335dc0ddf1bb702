using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Text;

namespace Retrieval.Models;

/// <summary>
/// Which tokenizer a model folder asks for, and how: <c>tokenizer_config.json</c>'s <c>tokenizer_class</c>
/// when present (a CLIP or a BERT tokenizer, fast or not), else the files present (<c>vocab.txt</c> is
/// WordPiece, <c>vocab.json</c> + <c>merges.txt</c> CLIP BPE). For WordPiece, <c>do_lower_case</c>
/// (default true) and <c>strip_accents</c> (default: as lower-casing) are read as Hugging Face reads them.
/// </summary>
public sealed record TokenizerSettings(TokenizerKind Kind, bool LowerCase, bool StripAccents)
{
    internal const string ConfigFile = "tokenizer_config.json";

    /// <summary>Reads the settings of the model folder <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">The config names a tokenizer this engine does not have, or no tokenizer files are there.</exception>
    public static TokenizerSettings Read(string directory, Func<string, JsonNode?> readJson)
    {
        ArgumentNullException.ThrowIfNull(readJson);
        var config = File.Exists(Path.Combine(directory, ConfigFile)) ? readJson(Path.Combine(directory, ConfigFile)) : null;
        var kind = config?["tokenizer_class"]?.GetValue<string>() switch
        {
            { } name when name.Contains("CLIP", StringComparison.OrdinalIgnoreCase) => TokenizerKind.ClipBpe,
            { } name when name.Contains("Bert", StringComparison.OrdinalIgnoreCase) => TokenizerKind.WordPiece,
            { } name => throw new ModelLoadException(directory, $"{ConfigFile} names tokenizer_class '{name}'; this engine has CLIP BPE and BERT WordPiece tokenizers"),
            null when File.Exists(Path.Combine(directory, "vocab.txt")) => TokenizerKind.WordPiece,
            null => TokenizerKind.ClipBpe,
        };
        var lower = Flag(config?["do_lower_case"], directory) ?? true;
        return new TokenizerSettings(kind, lower, Flag(config?["strip_accents"], directory) ?? lower);
    }

    /// <summary>The name of the vocabulary file of a tokenizer kind.</summary>
    public static string VocabularyFile(TokenizerKind kind) => kind == TokenizerKind.WordPiece ? "vocab.txt" : "vocab.json";

    /// <summary>Loads the tokenizer from the model folder.</summary>
    public ITextTokenizer Load(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Kind == TokenizerKind.WordPiece
            ? WordPieceTokenizer.FromFile(manifest.VocabularyPath, manifest.ContextLength, LowerCase, StripAccents)
            : ClipTokenizer.FromFiles(manifest.VocabularyPath, manifest.MergesPath, manifest.ContextLength);
    }

    private static bool? Flag(JsonNode? node, string directory) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new ModelLoadException(directory, $"{ConfigFile}: expected true, false or null, not {node.ToJsonString()}"),
    };
}
