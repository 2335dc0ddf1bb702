using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Text;

namespace Retrieval.Models;

/// <summary>
/// What a model folder declares, in either layout (<see cref="ModelLayout"/>): the graph files, the text context length,
/// the embedding size, the tokenizer, the text cleaning and the image preprocessing. Nothing is assumed: a CLIP at
/// 336 px with 768 dimensions loads like one at 224 px with 512, a SigLIP with its squash and bilinear filter like a CLIP.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The model folder, as a full path.</summary>
    public required string Directory { get; init; }

    /// <summary>A stable name for the model: the folder name, what stores record their vectors were made with.</summary>
    public required string Id { get; init; }

    /// <summary>The folder's layout.</summary>
    public ModelLayout Layout { get; init; }

    /// <summary>The most token ids one text may have, start and end included.</summary>
    public required int ContextLength { get; init; }

    /// <summary>The embedding size the config declares, when it does.</summary>
    public int? ProjectionDimension { get; init; }

    /// <summary>How images are prepared for the vision model.</summary>
    public required PreprocessOptions Preprocess { get; init; }

    /// <summary>Which tokenizer the text tower needs, and where its files are.</summary>
    public required TokenizerSettings Tokenizer { get; init; }

    /// <summary>What the export's runtime does to a text before tokenizing it.</summary>
    public TextCleaning TextCleaning { get; init; }

    /// <summary>The text encoder graph.</summary>
    public required string TextModelPath { get; init; }

    /// <summary>The image encoder graph.</summary>
    public required string VisionModelPath { get; init; }

    /// <summary>
    /// Every file that shapes an embedding (graphs and their external weights, tokenizer, configs, class labels), in a
    /// fixed order, present or not: what the model's fingerprint hashes.
    /// </summary>
    public required IReadOnlyList<string> ShapingFiles { get; init; }

    /// <summary>Reads and checks the manifest of the model folder at <paramref name="directory"/>; <paramref name="variant"/> picks a graph variant (<c>quantized</c>, <c>fp16</c>, ...).</summary>
    /// <exception cref="ModelLoadException">A required file is missing, or a config is malformed or incomplete.</exception>
    public static ModelManifest Load(string directory, string? variant = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ModelLoadException(full, $"the folder does not exist, and no model pulled into {PulledModels.Directory} has that name (retrieval models list)");
        }

        var manifest = IsImmich(full) ? ImmichLayout.Read(full, variant) : HuggingFaceLayout.Read(full, variant);
        if (manifest.Tokenizer.RequiredFiles.FirstOrDefault(f => !File.Exists(f)) is { } tokenizerFile)
        {
            var folder = Path.GetRelativePath(full, manifest.Tokenizer.Folder) is "." ? "the folder" : $"'{Path.GetRelativePath(full, manifest.Tokenizer.Folder)}/'";
            throw new ModelLoadException(full, $"no tokenizer: {folder} has no tokenizer.json, no SentencePiece model, no vocab.txt, and '{Path.GetFileName(tokenizerFile)}' of vocab.json + merges.txt is missing");
        }

        foreach (var file in (string[])[manifest.TextModelPath, manifest.VisionModelPath])
        {
            if (!File.Exists(file))
            {
                throw new ModelLoadException(full, $"'{Path.GetRelativePath(full, file)}' is missing");
            }
        }

        return manifest;
    }

    /// <summary>The graph variants a Hugging Face layout folder holds (see <see cref="ModelOptions.Variant"/>); none for other folders.</summary>
    public static IReadOnlyList<string> Variants(string directory) => HuggingFaceLayout.Variants(directory);

    /// <summary>The text tower's tokenizer, behind the text cleaning the export's runtime does.</summary>
    /// <exception cref="ModelLoadException">A tokenizer file is missing or malformed.</exception>
    public ITextTokenizer LoadTokenizer()
    {
        var tokenizer = Tokenizer.Load(ContextLength);
        return TextCleaning == TextCleaning.None ? tokenizer : new CleaningTokenizer(tokenizer, TextCleaning);
    }

    /// <summary>The graph's external weight files beside it (<c>model.onnx.data0</c>, <c>model.onnx_data</c>, ...), in name order.</summary>
    internal static IEnumerable<string> ExternalData(string graph) =>
        System.IO.Directory.Exists(Path.GetDirectoryName(graph))
            ? System.IO.Directory.GetFiles(Path.GetDirectoryName(graph)!, Path.GetFileName(graph) + "?*").Where(f => f != graph).Order(StringComparer.Ordinal)
            : [];

    private static bool IsImmich(string folder) =>
        System.IO.Directory.Exists(Path.Combine(folder, ImmichLayout.TextFolder)) || System.IO.Directory.Exists(Path.Combine(folder, ImmichLayout.VisionFolder));
}
