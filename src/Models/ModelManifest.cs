using System.Text.Json;
using System.Text.Json.Nodes;
using Retrieval.Errors;
using Retrieval.Imaging;

namespace Retrieval.Models;

/// <summary>
/// What a model folder in the Hugging Face ONNX layout declares: the file paths, the text context length
/// (<c>config.json</c>), the embedding size, and the image preprocessing (<c>preprocessor_config.json</c>).
/// Nothing is assumed: a CLIP at 336 px with 768 dimensions loads like one at 224 px with 512.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The model folder, as a full path.</summary>
    public required string Directory { get; init; }

    /// <summary>A stable name for the model: the folder name, what stores record their vectors were made with.</summary>
    public required string Id { get; init; }

    /// <summary>The most token ids one text may have, start and end included.</summary>
    public required int ContextLength { get; init; }

    /// <summary>The embedding size the config declares, when it does.</summary>
    public int? ProjectionDimension { get; init; }

    /// <summary>How images are prepared for the vision model.</summary>
    public required PreprocessOptions Preprocess { get; init; }

    /// <summary>Which tokenizer the text tower needs.</summary>
    public required TokenizerSettings Tokenizer { get; init; }

    /// <summary>The tokenizer's vocabulary: <c>vocab.json</c> (CLIP BPE) or <c>vocab.txt</c> (WordPiece).</summary>
    public string VocabularyPath => Path.Combine(Directory, TokenizerSettings.VocabularyFile(Tokenizer.Kind));

    /// <summary>The BPE merges (CLIP BPE only).</summary>
    public string MergesPath => Path.Combine(Directory, "merges.txt");

    /// <summary>The text encoder graph.</summary>
    public string TextModelPath => Path.Combine(Directory, "onnx", "text_model.onnx");

    /// <summary>The image encoder graph.</summary>
    public string VisionModelPath => Path.Combine(Directory, "onnx", "vision_model.onnx");

    /// <summary>Reads and checks the manifest of the model folder at <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">A required file is missing, or a config is malformed or incomplete.</exception>
    public static ModelManifest Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ModelLoadException(full, "the folder does not exist");
        }

        var config = ReadJson(Path.Combine(full, "config.json"));
        var preprocessor = ReadJson(Path.Combine(full, "preprocessor_config.json"));
        var manifest = new ModelManifest
        {
            Directory = full,
            Id = new DirectoryInfo(full).Name,
            ContextLength = ReadContextLength(config, full),
            ProjectionDimension = Value(config["projection_dim"], "projection_dim", full)
                ?? Value(config["text_config"]?["projection_dim"], "text_config.projection_dim", full),
            Preprocess = ReadPreprocess(preprocessor, Path.Combine(full, "preprocessor_config.json")),
            Tokenizer = TokenizerSettings.Read(full, ReadJson),
        };

        var files = manifest.Tokenizer.Kind == TokenizerKind.WordPiece
            ? [manifest.VocabularyPath, manifest.TextModelPath, manifest.VisionModelPath]
            : new[] { manifest.VocabularyPath, manifest.MergesPath, manifest.TextModelPath, manifest.VisionModelPath };
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new ModelLoadException(full, $"'{Path.GetRelativePath(full, file)}' is missing");
            }
        }

        return manifest;
    }

    private static JsonNode ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) ?? throw new ModelLoadException(path, "the file is empty");
        }
        catch (FileNotFoundException e)
        {
            throw new ModelLoadException(path, "the file is missing", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelLoadException(path, e.Message, e);
        }
    }

    private static int ReadContextLength(JsonNode config, string directory)
    {
        var length = Value(config["text_config"]?["max_position_embeddings"], "text_config.max_position_embeddings", directory)
            ?? Value(config["max_position_embeddings"], "max_position_embeddings", directory);
        return length is >= 2
            ? length.Value
            : throw new ModelLoadException(directory, "config.json lacks text_config.max_position_embeddings (the context length)");
    }

    private static PreprocessOptions ReadPreprocess(JsonNode node, string path)
    {
        // Older exports write sizes as a bare number, newer ones as objects.
        var size = node["size"];
        var shortest = size is JsonObject ? Value(size["shortest_edge"], "size.shortest_edge", path) : Value(size, "size", path);
        var crop = node["crop_size"];
        var cropHeight = crop is JsonObject ? Value(crop["height"], "crop_size.height", path) : Value(crop, "crop_size", path);
        var cropWidth = crop is JsonObject ? Value(crop["width"], "crop_size.width", path) : cropHeight;
        if (shortest is not > 0)
        {
            throw new ModelLoadException(path, "size.shortest_edge is missing or not positive");
        }

        if (node["do_center_crop"] is JsonValue doCrop && !doCrop.GetValue<bool>())
        {
            (cropHeight, cropWidth) = (shortest, shortest);
        }

        if (cropHeight is not > 0 || cropWidth is not > 0 || cropHeight > shortest || cropWidth > shortest)
        {
            throw new ModelLoadException(path, $"crop_size must be positive and at most size.shortest_edge ({shortest})");
        }

        if (node["resample"] is JsonValue resample && resample.GetValue<int>() != 3)
        {
            throw new ModelLoadException(path, $"resample {resample} is not supported; CLIP models use 3 (bicubic)");
        }

        return new PreprocessOptions
        {
            ShortestEdge = shortest.Value,
            CropHeight = cropHeight.Value,
            CropWidth = cropWidth.Value,
            Mean = Triple(node["image_mean"], "image_mean", path),
            Std = Triple(node["image_std"], "image_std", path),
        };
    }

    private static float[] Triple(JsonNode? node, string name, string path)
    {
        if (node is not JsonArray { Count: 3 } array)
        {
            throw new ModelLoadException(path, $"{name} must be an array of three numbers");
        }

        var values = array.Select(v => v is JsonValue value && value.TryGetValue<double>(out var d) ? (float)d : float.NaN).ToArray();
        return values.All(float.IsFinite) && (name != "image_std" || values.All(v => v > 0))
            ? values
            : throw new ModelLoadException(path, $"{name} must hold three finite numbers{(name == "image_std" ? ", all positive" : "")}");
    }

    private static int? Value(JsonNode? node, string name, string path)
    {
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<int>(out var number)
            ? number
            : throw new ModelLoadException(path, $"{name} must be a whole number, not {node.ToJsonString()}");
    }
}
