using Retrieval.Errors;
using Retrieval.Faces;

namespace Retrieval.Models.Download;

/// <summary>
/// Which files of a repository make the model, by its layout: immich's (<c>config.json</c>, <c>textual/</c> and
/// <c>visual/</c> with their graph, tokenizer and preprocessing files, not the other runtimes' copies beside them), immich's
/// face packs (<c>detection/model.onnx</c> and <c>recognition/model.onnx</c>: buffalo_l, antelopev2) or
/// Hugging Face's (the configs, the tokenizer files, and the two graphs of the asked variant with their external weights).
/// The tokenizer files are the ones the loader reads (<see cref="TokenizerSettings.Files"/>), for a hub listing and a
/// folder pull alike.
/// </summary>
public static class ExportFiles
{
    // The Hugging Face layout's configs: a model folder without them does not load.
    private static readonly string[] HuggingFaceConfigs = ["config.json", "preprocessor_config.json"];

    // Beside the graphs, the Hugging Face layout has its configs, maybe class labels, and one tokenizer family's files.
    private static IEnumerable<string> HuggingFaceSupport => [.. HuggingFaceConfigs, "class_labels.txt", .. TokenizerSettings.Files];

    /// <summary>
    /// What a pull by folder URL asks for (a folder cannot be listed), in the Hugging Face layout: every file the
    /// layout may have beside the plain graphs, the graphs and their external data as exporters name it; and
    /// which of them the folder must have.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Required) FolderFiles()
    {
        var (text, vision) = HuggingFaceGraphs(null);
        string[] required = [.. HuggingFaceConfigs, text, vision];
        return ([.. required.Concat(HuggingFaceSupport).Append(text + "_data").Append(vision + "_data").Distinct(StringComparer.Ordinal)], required);
    }

    /// <summary>The files of <paramref name="listing"/> the model needs, for graph <paramref name="variant"/> (Hugging Face layout only).</summary>
    /// <exception cref="ModelDownloadException">The repository is in no layout read here, or has no such variant.</exception>
    public static IReadOnlyList<HubFile> Select(string repository, IReadOnlyList<HubFile> listing, string? variant)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var byPath = listing.ToDictionary(f => f.Path, StringComparer.Ordinal);
        bool Has(string path) => byPath.ContainsKey(path);
        IEnumerable<string> WithData(string graph) => listing.Select(f => f.Path).Where(p => p == graph || (p.StartsWith(graph, StringComparison.Ordinal) && p.Length > graph.Length && p[graph.Length] is '_' or '.' && p.Contains("data", StringComparison.Ordinal)));
        List<string> wanted;
        if (FaceModelLayout.ImmichFiles.All(Has) && !Has("textual/model.onnx"))
        {
            if (!string.IsNullOrEmpty(variant))
            {
                throw new ModelDownloadException(repository, $"--variant {variant}: immich's face packs have one graph each");
            }

            // immich's face pack (buffalo_l, antelopev2): its two ONNX graphs, not the ARM NN and RKNN copies beside them.
            wanted = [.. FaceModelLayout.ImmichFiles];
        }
        else if (Has("textual/model.onnx") && Has("visual/model.onnx"))
        {
            if (!string.IsNullOrEmpty(variant))
            {
                throw new ModelDownloadException(repository, $"--variant {variant}: immich exports have one graph per tower");
            }

            wanted = ["config.json", .. WithData("textual/model.onnx"), .. WithData("visual/model.onnx"), "visual/preprocess_cfg.json", .. TokenizerSettings.Files.Select(f => "textual/" + f)];
        }
        else if (listing.Any(f => f.Path.StartsWith("onnx/text_model", StringComparison.Ordinal)))
        {
            var (text, vision) = HuggingFaceGraphs(variant);
            if (!Has(text) || !Has(vision))
            {
                var variants = listing.Select(f => f.Path).Where(p => p.StartsWith("onnx/text_model_", StringComparison.Ordinal) && p.EndsWith(".onnx", StringComparison.Ordinal))
                    .Select(p => p["onnx/text_model_".Length..^".onnx".Length]).Where(v => Has($"onnx/vision_model_{v}.onnx")).Order(StringComparer.Ordinal).ToList();
                throw new ModelDownloadException(repository, $"it has no {text} and {vision}; "
                    + (variants.Count == 0 ? "it has no variants either" : $"--variant one of: {string.Join(", ", variants)}") + (Has("onnx/text_model.onnx") ? " (or none, for the plain graphs)" : ""));
            }

            wanted = [.. HuggingFaceSupport, .. WithData(text), .. WithData(vision)];
        }
        else
        {
            throw new ModelDownloadException(repository, "it is in no layout this engine reads: no textual/model.onnx + visual/model.onnx (immich), no onnx/text_model.onnx + onnx/vision_model.onnx (Hugging Face, transformers.js) and no detection/model.onnx + recognition/model.onnx (immich's face packs)");
        }

        return [.. wanted.Distinct(StringComparer.Ordinal).Where(Has).Select(p => byPath[p])];
    }

    private static (string Text, string Vision) HuggingFaceGraphs(string? variant)
    {
        var suffix = string.IsNullOrEmpty(variant) ? "" : "_" + variant;
        return ($"onnx/text_model{suffix}.onnx", $"onnx/vision_model{suffix}.onnx");
    }
}
