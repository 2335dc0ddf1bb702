using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Imaging;

namespace Retrieval.Models;

/// <summary>
/// The Hugging Face / transformers.js layout: <c>config.json</c> (context length, projection size),
/// <c>preprocessor_config.json</c> in either shape (<c>size</c> a number, <c>{shortest_edge}</c> or <c>{height, width}</c>;
/// <c>resample</c> 2 bilinear or 3 bicubic; <c>do_center_crop</c>, <c>do_rescale</c>, <c>rescale_factor</c>), the tokenizer
/// files, and <c>onnx/text_model.onnx</c> + <c>onnx/vision_model.onnx</c> or a variant of them
/// (<c>text_model_quantized.onnx</c>, <c>_fp16</c>, <c>_int8</c>, <c>_uint8</c>, <c>_q4</c>, ...).
/// </summary>
internal static class HuggingFaceLayout
{
    private const string Config = "config.json";
    private const string Preprocessor = "preprocessor_config.json";

    public static ModelManifest Read(string folder, string? variant)
    {
        var config = ConfigJson.Read(Path.Combine(folder, Config));
        var preprocessorPath = Path.Combine(folder, Preprocessor);
        var preprocess = ReadPreprocess(ConfigJson.Read(preprocessorPath), preprocessorPath);
        var tokenizer = TokenizerSettings.Read(folder, ConfigJson.Read);
        var (text, vision) = Graphs(folder, variant);
        // Older models' fingerprints hashed these first, in this order: they must not change.
        var legacyVocabulary = Path.Combine(folder, tokenizer.Kind == TokenizerKind.WordPiece ? "vocab.txt" : "vocab.json");
        return new ModelManifest
        {
            Directory = folder,
            Id = new DirectoryInfo(folder).Name,
            Layout = ModelLayout.HuggingFace,
            ContextLength = ReadContextLength(config, folder),
            ProjectionDimension = ConfigJson.Int(config["projection_dim"], "projection_dim", folder)
                ?? ConfigJson.Int(config["text_config"]?["projection_dim"], "text_config.projection_dim", folder),
            Preprocess = preprocess,
            Tokenizer = tokenizer,
            TextModelPath = text,
            VisionModelPath = vision,
            ShapingFiles = ((string[])[text, vision, legacyVocabulary, Path.Combine(folder, "merges.txt"), Path.Combine(folder, Config), preprocessorPath,
                .. ModelManifest.ExternalData(text), .. ModelManifest.ExternalData(vision),
                Path.Combine(folder, TokenizerSettings.ConfigFile), Path.Combine(folder, ClassLabel.FileName),
                Path.Combine(folder, Text.Pipeline.TokenizerJson.FileName), Path.Combine(folder, TokenizerSettings.SpecialTokensFile), tokenizer.VocabularyPath,
            ]).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// The two graphs of <paramref name="variant"/>; when none is asked, the plain ones, else (a folder pulled with one
    /// variant only) that variant's.
    /// </summary>
    private static (string Text, string Vision) Graphs(string folder, string? variant)
    {
        var onnx = Path.Combine(folder, "onnx");
        var present = Variants(folder);
        if (string.IsNullOrEmpty(variant) && !File.Exists(Path.Combine(onnx, "text_model.onnx")) && present is [var only])
        {
            variant = only;
        }

        var suffix = string.IsNullOrEmpty(variant) ? "" : "_" + variant;
        var text = Path.Combine(onnx, $"text_model{suffix}.onnx");
        var vision = Path.Combine(onnx, $"vision_model{suffix}.onnx");
        if (!(File.Exists(text) && File.Exists(vision)) && (suffix.Length > 0 || present.Count > 0))
        {
            throw new ModelLoadException(folder, $"{(suffix.Length > 0 ? $"variant '{variant}'" : "the plain graphs")} {(suffix.Length > 0 ? "is" : "are")} not there (onnx/text_model{suffix}.onnx and onnx/vision_model{suffix}.onnx); "
                + (present.Count == 0 ? "the folder has no variants" : $"variants present: {string.Join(", ", present)}"));
        }

        return (text, vision);
    }

    /// <summary>The graph variants <paramref name="folder"/> holds both graphs of (<c>quantized</c> for <c>onnx/*_quantized.onnx</c>), by name.</summary>
    public static IReadOnlyList<string> Variants(string folder)
    {
        var onnx = Path.Combine(folder, "onnx");
        return System.IO.Directory.Exists(onnx)
            ? [.. System.IO.Directory.GetFiles(onnx, "text_model_*.onnx").Select(f => Path.GetFileNameWithoutExtension(f)["text_model_".Length..])
                .Where(v => File.Exists(Path.Combine(onnx, $"vision_model_{v}.onnx"))).Order(StringComparer.Ordinal)]
            : [];
    }

    private static int ReadContextLength(JsonNode config, string folder)
    {
        var length = ConfigJson.Int(config["text_config"]?["max_position_embeddings"], "text_config.max_position_embeddings", folder)
            ?? ConfigJson.Int(config["max_position_embeddings"], "max_position_embeddings", folder);
        return length is >= 2
            ? length.Value
            : throw new ModelLoadException(folder, "config.json lacks text_config.max_position_embeddings (the context length)");
    }

    private static PreprocessOptions ReadPreprocess(JsonNode node, string path)
    {
        // Older exports write sizes as a bare number, newer ones as objects; SigLIP's {height, width} is resized to as is.
        var size = node["size"];
        var squash = size is JsonObject { } sized && sized["height"] is not null && sized["width"] is not null;
        var crop = node["crop_size"];
        var doCrop = node["do_center_crop"] is JsonValue flag ? flag.GetValue<bool>() : !squash;
        if (squash)
        {
            if (doCrop)
            {
                throw new ModelLoadException(path, "size {height, width} with do_center_crop (resize, then crop) is not supported");
            }

            var (height, width) = (ConfigJson.Int(size!["height"], "size.height", path), ConfigJson.Int(size["width"], "size.width", path));
            if (height is not > 0 || width is not > 0)
            {
                throw new ModelLoadException(path, "size.height and size.width must be positive");
            }

            return Options(node, path, Math.Max(height.Value, width.Value), height.Value, width.Value, ResizeMode.Squash);
        }

        var shortest = size is JsonObject ? ConfigJson.Int(size["shortest_edge"], "size.shortest_edge", path) : ConfigJson.Int(size, "size", path);
        if (shortest is not > 0)
        {
            throw new ModelLoadException(path, "size.shortest_edge is missing or not positive");
        }

        var cropHeight = crop is JsonObject ? ConfigJson.Int(crop["height"], "crop_size.height", path) : ConfigJson.Int(crop, "crop_size", path);
        var cropWidth = crop is JsonObject ? ConfigJson.Int(crop["width"], "crop_size.width", path) : cropHeight;
        if (!doCrop || crop is null)
        {
            (cropHeight, cropWidth) = (shortest, shortest);
        }

        if (cropHeight is not > 0 || cropWidth is not > 0 || cropHeight > shortest || cropWidth > shortest)
        {
            throw new ModelLoadException(path, $"crop_size must be positive and at most size.shortest_edge ({shortest})");
        }

        return Options(node, path, shortest.Value, cropHeight.Value, cropWidth.Value, ResizeMode.ShortestThenCrop);
    }

    private static PreprocessOptions Options(JsonNode node, string path, int shortest, int height, int width, ResizeMode resize)
    {
        var filter = ConfigJson.Int(node["resample"], "resample", path) switch
        {
            null or 3 => ResampleFilter.Bicubic,
            2 => ResampleFilter.Bilinear,
            var other => throw new ModelLoadException(path, $"resample {other} is not supported (2 bilinear, 3 bicubic)"),
        };
        var rescale = node["do_rescale"] is JsonValue doRescale && !doRescale.GetValue<bool>() ? 1f
            : node["rescale_factor"] is JsonValue factor ? (float)factor.GetValue<double>() : 1 / 255f;
        return new PreprocessOptions
        {
            ShortestEdge = shortest,
            CropHeight = height,
            CropWidth = width,
            Mean = ConfigJson.Triple(node["image_mean"], "image_mean", path),
            Std = ConfigJson.Triple(node["image_std"], "image_std", path),
            Filter = filter,
            Resize = resize,
            RescaleFactor = rescale,
        };
    }
}
