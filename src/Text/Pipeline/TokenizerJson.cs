using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Retrieval.Errors;

namespace Retrieval.Text.Pipeline;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c> into a <see cref="PipelineTokenizer"/>: its added tokens, normalizer,
/// pre-tokenizer, model (byte-level or SentencePiece BPE, with byte fallback; Unigram; WordPiece) and post-processor.
/// A part this reader does not know is an error naming it, never a silent difference in the ids.
/// </summary>
public static class TokenizerJson
{
    /// <summary>The file name exports use.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>
    /// Loads <paramref name="path"/>. The context is <paramref name="contextLength"/> when given (the model's), else the
    /// file's truncation length; the padding id the file's, else <paramref name="padToken"/>'s, else the model's unknown or 0.
    /// </summary>
    /// <exception cref="ModelLoadException">The file is missing, malformed, or uses a part this reader does not have.</exception>
    public static PipelineTokenizer Load(string path, int? contextLength = null, string? padToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Models.ConfigJson.Read(path);
        try
        {
            return Build(root, contextLength, padToken);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or JsonException or KeyNotFoundException)
        {
            throw new ModelLoadException(path, e.Message, e);
        }
    }

    private static PipelineTokenizer Build(JsonNode root, int? contextLength, string? padToken)
    {
        var model = Model(root["model"] ?? throw new FormatException("'model' is missing"));
        var added = (root["added_tokens"] as JsonArray ?? []).Select(t => new AddedToken(
            Int(t, "id"), Str(t, "content") ?? throw new FormatException("an added token has no 'content'"),
            Bool(t, "single_word"), Bool(t, "lstrip"), Bool(t, "rstrip"), Bool(t, "normalized"))).ToList();
        var template = PostProcessor(root["post_processor"], model);
        var context = contextLength ?? (root["truncation"] is JsonObject truncation ? Int(truncation, "max_length") : 0);
        if (context <= template.Prefix.Count + template.Suffix.Count)
        {
            throw new FormatException("no context length: the model config gives none and the file has no truncation.max_length");
        }

        var padding = root["padding"] is JsonObject pad ? Int(pad, "pad_id")
            : padToken is not null ? added.FirstOrDefault(t => t.Content == padToken)?.Id ?? model.IdOf(padToken) ?? 0
            : 0;
        return new PipelineTokenizer(new AddedTokens(added), Normalizer(root["normalizer"]), PreTokenizer(root["pre_tokenizer"]), model, template, context, padding);
    }

    private static ITokenModel Model(JsonNode node)
    {
        var type = Str(node, "type") ?? (node["merges"] is not null ? "BPE" : node["vocab"] is JsonArray ? "Unigram" : node["max_input_chars_per_word"] is not null ? "WordPiece" : "");
        switch (type)
        {
            case "BPE":
                var vocabulary = Vocabulary(node);
                var merges = (node["merges"] as JsonArray ?? []).Select(Merge).ToList();
                return new BpeModel(vocabulary, merges, Str(node, "unk_token"), Str(node, "continuing_subword_prefix"), Str(node, "end_of_word_suffix"),
                    Bool(node, "fuse_unk"), Bool(node, "byte_fallback"), Bool(node, "ignore_merges"));
            case "Unigram":
                var pieces = (node["vocab"] as JsonArray ?? throw new FormatException("the Unigram model has no 'vocab' array"))
                    .Select(p => p is JsonArray { Count: 2 } pair ? (pair[0]!.GetValue<string>(), pair[1]!.GetValue<double>()) : throw new FormatException("a Unigram entry is not [piece, score]"))
                    .ToList();
                return new UnigramModel(pieces, node["unk_id"] is JsonValue unk ? unk.GetValue<int>() : throw new FormatException("the Unigram model has no 'unk_id'"), Bool(node, "byte_fallback"));
            case "WordPiece":
                return new WordPieceModel(Vocabulary(node), Str(node, "unk_token") ?? "[UNK]", Str(node, "continuing_subword_prefix") ?? "##",
                    node["max_input_chars_per_word"] is JsonValue max ? max.GetValue<int>() : 100);
            default:
                throw new FormatException($"model type '{type}' is not supported (BPE, Unigram, WordPiece are)");
        }
    }

    private static Dictionary<string, int> Vocabulary(JsonNode model) =>
        (model["vocab"] as JsonObject ?? throw new FormatException("the model has no 'vocab' object"))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.Ordinal);

    // Older files write a merge as "left right", newer ones as ["left", "right"].
    private static (string, string) Merge(JsonNode? node) => node switch
    {
        JsonArray { Count: 2 } pair => (pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>()),
        JsonValue value when value.GetValue<string>().Split(' ') is [var left, var right] => (left, right),
        _ => throw new FormatException($"merge {node?.ToJsonString()} is not a pair of tokens"),
    };

    private static ITextNormalizer? Normalizer(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var type = Str(node, "type");
        return type switch
        {
            "Sequence" => new NormalizerSequence([.. (node["normalizers"] as JsonArray ?? []).Select(Normalizer).OfType<ITextNormalizer>()]),
            "NFC" => new UnicodeNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeNormalizer(NormalizationForm.FormKD),
            "Lowercase" => LowercaseNormalizer.Instance,
            "StripAccents" => StripAccentsNormalizer.Instance,
            "Strip" => new StripNormalizer(Bool(node, "strip_left", true), Bool(node, "strip_right", true)),
            "Replace" => new ReplaceNormalizer(Pattern(node["pattern"]), Str(node, "content") ?? ""),
            "Prepend" => new PrependNormalizer(Str(node, "prepend") ?? ""),
            "Nmt" => NmtNormalizer.Instance,
            "Precompiled" => node["precompiled_charsmap"] is JsonValue map && map.GetValue<string>() is { Length: > 0 } base64
                ? new PrecompiledNormalizer(Convert.FromBase64String(base64))
                : null,
            "BertNormalizer" => new BertTextNormalizer(Bool(node, "clean_text", true), Bool(node, "handle_chinese_chars", true),
                node["strip_accents"] is JsonValue strip ? strip.GetValue<bool>() : Bool(node, "lowercase", true), Bool(node, "lowercase", true)),
            _ => throw new FormatException($"normalizer '{type}' is not supported"),
        };
    }

    private static IPreTokenizer? PreTokenizer(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var type = Str(node, "type");
        return type switch
        {
            "Sequence" => new PreTokenizerSequence([.. (node["pretokenizers"] as JsonArray ?? []).Select(PreTokenizer).OfType<IPreTokenizer>()]),
            "ByteLevel" => new ByteLevelPreTokenizer(Bool(node, "add_prefix_space"), Bool(node, "use_regex", true)),
            "Metaspace" => new MetaspacePreTokenizer(Str(node, "replacement") is { Length: 1 } r ? r[0] : '\u2581',
                Str(node, "prepend_scheme") ?? (Bool(node, "add_prefix_space", true) ? "always" : "never"), Bool(node, "split", true)),
            "Whitespace" => SplitPreTokenizer.Whitespace(),
            "WhitespaceSplit" => SplitPreTokenizer.WhitespaceSplit(),
            "BertPreTokenizer" => new PreTokenizerSequence([SplitPreTokenizer.WhitespaceSplit(), SplitPreTokenizer.Punctuation(SplitBehavior.Isolated)]),
            "Punctuation" => SplitPreTokenizer.Punctuation(Behavior(Str(node, "behavior") ?? "Isolated")),
            "Digits" => SplitPreTokenizer.Digits(Bool(node, "individual_digits")),
            "CharDelimiterSplit" => new SplitPreTokenizer(new Regex(Regex.Escape(Str(node, "delimiter") ?? " "), RegexOptions.CultureInvariant), SplitBehavior.Removed, invert: false),
            "Split" => new SplitPreTokenizer(Pattern(node["pattern"]), Behavior(Str(node, "behavior") ?? "Removed"), Bool(node, "invert")),
            _ => throw new FormatException($"pre_tokenizer '{type}' is not supported"),
        };
    }

    private static TemplatePostProcessor PostProcessor(JsonNode? node, ITokenModel model)
    {
        if (node is null)
        {
            return TemplatePostProcessor.None;
        }

        var type = Str(node, "type");
        switch (type)
        {
            case "TemplateProcessing":
                var specials = node["special_tokens"] as JsonObject ?? [];
                var prefix = new List<int>();
                var suffix = new List<int>();
                var seenSequence = false;
                foreach (var item in node["single"] as JsonArray ?? [])
                {
                    if (item?["Sequence"] is not null)
                    {
                        seenSequence = true;
                    }
                    else if (item?["SpecialToken"]?["id"]?.GetValue<string>() is { } name)
                    {
                        var ids = specials[name]?["ids"] as JsonArray ?? throw new FormatException($"post_processor: special token '{name}' has no ids");
                        (seenSequence ? suffix : prefix).AddRange(ids.Select(i => i!.GetValue<int>()));
                    }
                }

                return new TemplatePostProcessor(prefix, suffix);
            case "RobertaProcessing" or "BertProcessing":
                return new TemplatePostProcessor([Special(node["cls"], model)], [Special(node["sep"], model)]);
            case "ByteLevel":
                return TemplatePostProcessor.None;
            case "Sequence":
                // Only one of the processors adds tokens (ByteLevel beside a template): that one decides.
                return (node["processors"] as JsonArray ?? []).Select(p => PostProcessor(p, model)).LastOrDefault(p => p.Prefix.Count + p.Suffix.Count > 0)
                    ?? TemplatePostProcessor.None;
            default:
                throw new FormatException($"post_processor '{type}' is not supported");
        }
    }

    private static int Special(JsonNode? pair, ITokenModel model) => pair is JsonArray { Count: 2 } p
        ? p[1]!.GetValue<int>()
        : throw new FormatException($"post_processor: {pair?.ToJsonString()} is not [token, id] ({model.GetType().Name})");

    private static Regex Pattern(JsonNode? node) => node switch
    {
        JsonObject o when o["String"] is JsonValue s => new Regex(Regex.Escape(s.GetValue<string>()), RegexOptions.CultureInvariant),
        JsonObject o when o["Regex"] is JsonValue r => new Regex(r.GetValue<string>(), RegexOptions.CultureInvariant),
        _ => throw new FormatException($"pattern {node?.ToJsonString()} is neither {{\"String\"}} nor {{\"Regex\"}}"),
    };

    private static SplitBehavior Behavior(string name) =>
        Enum.TryParse<SplitBehavior>(name, ignoreCase: true, out var behavior) ? behavior : throw new FormatException($"split behavior '{name}' is not known");

    private static string? Str(JsonNode? node, string name) => node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Bool(JsonNode? node, string name, bool fallback = false) => node?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    private static int Int(JsonNode? node, string name) => node?[name] is JsonValue value && value.TryGetValue<int>(out var number)
        ? number
        : throw new FormatException($"'{name}' must be a whole number");
}
