using Retrieval.Errors;

namespace Retrieval.Models.Download;

/// <summary>
/// Which files of a repository make the model, by its layout: immich's (<c>config.json</c>, <c>textual/</c> and
/// <c>visual/</c> with their graph, tokenizer and preprocessing files, not the other runtimes' copies beside them) or
/// Hugging Face's (the configs, the tokenizer files, and the two graphs of the asked variant with their external weights).
/// </summary>
public static class ExportFiles
{
    private static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt", "vocab.txt", "spiece.model", "tokenizer.model", "sentencepiece.bpe.model"];

    /// <summary>The files of <paramref name="listing"/> the model needs, for graph <paramref name="variant"/> (Hugging Face layout only).</summary>
    /// <exception cref="ModelDownloadException">The repository is in neither layout, or has no such variant.</exception>
    public static IReadOnlyList<HubFile> Select(string repository, IReadOnlyList<HubFile> listing, string? variant)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var byPath = listing.ToDictionary(f => f.Path, StringComparer.Ordinal);
        bool Has(string path) => byPath.ContainsKey(path);
        IEnumerable<string> WithData(string graph) => listing.Select(f => f.Path).Where(p => p == graph || (p.StartsWith(graph, StringComparison.Ordinal) && p.Length > graph.Length && p[graph.Length] is '_' or '.' && p.Contains("data", StringComparison.Ordinal)));
        List<string> wanted;
        if (Has("textual/model.onnx") && Has("visual/model.onnx"))
        {
            if (!string.IsNullOrEmpty(variant))
            {
                throw new ModelDownloadException(repository, $"--variant {variant}: immich exports have one graph per tower");
            }

            wanted = ["config.json", .. WithData("textual/model.onnx"), .. WithData("visual/model.onnx"), "visual/preprocess_cfg.json", .. TokenizerFiles.Select(f => "textual/" + f)];
        }
        else if (listing.Any(f => f.Path.StartsWith("onnx/text_model", StringComparison.Ordinal)))
        {
            var suffix = string.IsNullOrEmpty(variant) ? "" : "_" + variant;
            var (text, vision) = ($"onnx/text_model{suffix}.onnx", $"onnx/vision_model{suffix}.onnx");
            if (!Has(text) || !Has(vision))
            {
                var variants = listing.Select(f => f.Path).Where(p => p.StartsWith("onnx/text_model_", StringComparison.Ordinal) && p.EndsWith(".onnx", StringComparison.Ordinal))
                    .Select(p => p["onnx/text_model_".Length..^".onnx".Length]).Where(v => Has($"onnx/vision_model_{v}.onnx")).Order(StringComparer.Ordinal).ToList();
                throw new ModelDownloadException(repository, $"it has no {text} and {vision}; "
                    + (variants.Count == 0 ? "it has no variants either" : $"--variant one of: {string.Join(", ", variants)}") + (Has("onnx/text_model.onnx") ? " (or none, for the plain graphs)" : ""));
            }

            wanted = ["config.json", "preprocessor_config.json", "class_labels.txt", .. TokenizerFiles, .. WithData(text), .. WithData(vision)];
        }
        else
        {
            throw new ModelDownloadException(repository, "it is in neither layout this engine reads: no textual/model.onnx + visual/model.onnx (immich) and no onnx/text_model.onnx + onnx/vision_model.onnx (Hugging Face, transformers.js)");
        }

        return [.. wanted.Distinct(StringComparer.Ordinal).Where(Has).Select(p => byPath[p])];
    }
}
