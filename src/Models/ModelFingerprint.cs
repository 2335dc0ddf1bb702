using System.IO.Hashing;

namespace Retrieval.Models;

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
        return OfFiles(manifest.Id, manifest.ShapingFiles);
    }

    /// <summary>"<paramref name="name"/>@hash" of the bytes of <paramref name="files"/>, in order (those missing count as empty).</summary>
    public static string OfFiles(string name, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var hash = new XxHash64();
        var buffer = new byte[1 << 20];
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

        return $"{name}@{hash.GetCurrentHashAsUInt64():x16}";
    }
}
