using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Text;

namespace Retrieval.Models;

/// <summary>
/// immich's layout (<c>immich-app/&lt;name&gt;</c>): open_clip's <c>config.json</c> (<c>embed_dim</c>,
/// <c>text_cfg.context_length</c>, <c>text_cfg.tokenizer_kwargs.clean</c>), <c>textual/</c> with <c>model.onnx</c> and the
/// tokenizer files, <c>visual/</c> with <c>model.onnx</c> and <c>preprocess_cfg.json</c> (<c>size</c>, <c>mean</c>, <c>std</c>,
/// <c>interpolation</c>, <c>resize_mode</c>). Texts are cleaned and images resized as immich's own code does.
/// </summary>
internal static class ImmichLayout
{
    public const string TextFolder = "textual";
    public const string VisionFolder = "visual";
    private const string Config = "config.json";
    private const string Preprocess = "preprocess_cfg.json";
    private const string Graph = "model.onnx";

    public static ModelManifest Read(string folder, string? variant)
    {
        if (!string.IsNullOrEmpty(variant))
        {
            throw new ModelLoadException(folder, $"variant '{variant}' was asked for, but immich exports have one graph per tower");
        }

        var configPath = Path.Combine(folder, Config);
        var config = ConfigJson.Read(configPath);
        var text = Path.Combine(folder, TextFolder);
        var vision = Path.Combine(folder, VisionFolder);
        var preprocessPath = Path.Combine(vision, Preprocess);
        var tokenizer = TokenizerSettings.Read(text, ConfigJson.Read);
        var context = ConfigJson.Int(config["text_cfg"]?["context_length"], "text_cfg.context_length", configPath) ?? 77;
        if (context < 2)
        {
            throw new ModelLoadException(configPath, "text_cfg.context_length must be at least 2");
        }

        var clean = ConfigJson.Text(config["text_cfg"]?["tokenizer_kwargs"]?["clean"], "text_cfg.tokenizer_kwargs.clean", configPath);
        var textGraph = Path.Combine(text, Graph);
        var visionGraph = Path.Combine(vision, Graph);
        return new ModelManifest
        {
            Directory = folder,
            Id = new DirectoryInfo(folder).Name,
            Layout = ModelLayout.Immich,
            ContextLength = context,
            ProjectionDimension = ConfigJson.Int(config["embed_dim"], "embed_dim", configPath),
            Preprocess = ReadPreprocess(ConfigJson.Read(preprocessPath), preprocessPath),
            Tokenizer = tokenizer,
            TextCleaning = clean == "canonicalize" ? TextCleaning.Canonicalize : TextCleaning.Whitespace,
            TextModelPath = textGraph,
            VisionModelPath = visionGraph,
            ShapingFiles = [textGraph, visionGraph, configPath, preprocessPath, .. ModelManifest.ExternalData(textGraph), .. ModelManifest.ExternalData(visionGraph),
                tokenizer.VocabularyPath, Path.Combine(text, "merges.txt"), Path.Combine(text, TokenizerSettings.ConfigFile), Path.Combine(text, TokenizerSettings.SpecialTokensFile)],
        };
    }

    private static PreprocessOptions ReadPreprocess(JsonNode node, string path)
    {
        var sizeNode = node["size"];
        var size = sizeNode is JsonArray { Count: > 0 } sizes ? ConfigJson.Int(sizes[0], "size[0]", path) : ConfigJson.Int(sizeNode, "size", path);
        if (size is not > 0)
        {
            throw new ModelLoadException(path, "size is missing or not positive");
        }

        var filter = (ConfigJson.Text(node["interpolation"], "interpolation", path) ?? "bicubic").ToLowerInvariant() switch
        {
            "bicubic" => ResampleFilter.Bicubic,
            "bilinear" => ResampleFilter.Bilinear,
            var other => throw new ModelLoadException(path, $"interpolation '{other}' is not supported (bicubic, bilinear)"),
        };
        var resize = ConfigJson.Text(node["resize_mode"], "resize_mode", path) switch
        {
            null or "shortest" => ResizeMode.ShortestThenCrop,
            "squash" => ResizeMode.Squash,
            var other => throw new ModelLoadException(path, $"resize_mode '{other}' is not known (shortest, squash)"),
        };
        return new PreprocessOptions
        {
            ShortestEdge = size.Value,
            CropHeight = size.Value,
            CropWidth = size.Value,
            Mean = ConfigJson.Triple(node["mean"], "mean", path),
            Std = ConfigJson.Triple(node["std"], "std", path),
            Filter = filter,
            Resize = resize,
            Rounding = SizeRounding.RatioTimesSize,
        };
    }
}
