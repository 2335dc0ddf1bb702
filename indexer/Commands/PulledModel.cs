using Retrieval.Errors;
using Retrieval.Faces;
using Retrieval.Models;

namespace Retrieval.Cli.Commands;

/// <summary>One line of <c>retrieval models list</c>: what a model folder is, read from its files (the graphs are not loaded).</summary>
internal sealed record PulledModel(string Name, string Path, string? Layout, long Bytes, int? Dimension, string? Tokenizer, IReadOnlyList<string> Variants, string? Error)
{
    public static PulledModel Of(string folder)
    {
        var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var variants = ModelManifest.Variants(folder);
        if (FaceModelLayout.IsImmichPack(folder))
        {
            // A face pack (--face-model NAME): read when a run opens it; it has no manifest, dimension or tokenizer to show.
            return new PulledModel(System.IO.Path.GetFileName(folder), folder, "immich-faces", bytes, null, null, variants, null);
        }

        try
        {
            var manifest = ModelManifest.Load(folder);
            var layout = manifest.Layout == ModelLayout.Immich ? "immich" : "huggingface";
            var tokenizer = manifest.Tokenizer.Kind switch
            {
                TokenizerKind.TokenizerJson => "tokenizer.json",
                TokenizerKind.SentencePiece => "sentencepiece",
                TokenizerKind.WordPiece => "wordpiece",
                _ => "clip-bpe",
            };
            return new PulledModel(System.IO.Path.GetFileName(folder), folder, layout, bytes, manifest.ProjectionDimension, tokenizer, variants, null);
        }
        catch (ModelLoadException e)
        {
            return new PulledModel(System.IO.Path.GetFileName(folder), folder, null, bytes, null, null, variants, e.Message);
        }
    }
}
