using System.IO.Hashing;
using Retrieval.Models;

namespace Retrieval.Indexing;

/// <summary>
/// The identity of a model's vectors: its folder name and a hash of every file that shapes an embedding
/// (both graphs and their external weight files, the tokenizer and its settings, the configs, the class labels
/// that become tags). Two folders of the same name with other weights differ; the same model copied elsewhere
/// does not. An index refuses vectors of another fingerprint.
/// </summary>
public static class ModelFingerprint
{
    /// <summary>"name@hash", e.g. "clip-vit-b32@3f9a0c6e1b2d4a57".</summary>
    public static string Of(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var hash = new XxHash64();
        var buffer = new byte[1 << 20];
        // The files of the first version come first, in their order, so fingerprints of models without the later
        // files (external weights, tokenizer settings, class labels) did not change when those were added.
        string[] files = [manifest.TextModelPath, manifest.VisionModelPath, manifest.VocabularyPath, manifest.MergesPath,
            Path.Combine(manifest.Directory, "config.json"), Path.Combine(manifest.Directory, "preprocessor_config.json"),
            .. ExternalData(manifest.TextModelPath), .. ExternalData(manifest.VisionModelPath),
            Path.Combine(manifest.Directory, TokenizerSettings.ConfigFile), Path.Combine(manifest.Directory, ClassLabel.FileName)];
        foreach (var path in files)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var file = File.OpenRead(path);
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, read));
            }
        }

        return $"{manifest.Id}@{hash.GetCurrentHashAsUInt64():x16}";
    }

    /// <summary>A graph's external weight files beside it (<c>model.onnx.data0</c>, <c>model.onnx_data</c>, ...), in name order.</summary>
    private static IEnumerable<string> ExternalData(string graph) =>
        Directory.Exists(Path.GetDirectoryName(graph))
            ? Directory.GetFiles(Path.GetDirectoryName(graph)!, Path.GetFileName(graph) + "?*").Where(f => f != graph).Order(StringComparer.Ordinal)
            : [];
}
