using System.CommandLine;
using Retrieval.Evaluation;
using Retrieval.Hosting;
using Retrieval.Imaging;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval features [--model DIR] (--images DIR | --texts FILE) --out FILE.npy</c>: the model's normalised
/// outputs for every photo of a folder or every line of a text file, as a NumPy matrix, with the row order in
/// FILE.npy.txt. Build-time training reads these, so it sees exactly the pixels and tokens the indexer does.
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var images = new Option<DirectoryInfo?>("--images") { Description = "A folder of photos (one row each, in file-name order)" };
        var texts = new Option<FileInfo?>("--texts") { Description = "A text file (one row per non-empty line)" };
        var output = new Option<FileInfo>("--out") { Description = "The .npy file to write; the row order goes to the same name + .txt", Required = true };
        var command = new Command("features", "Export a model's embeddings of photos or texts as a NumPy matrix (for training)") { images, texts, output };
        EngineArguments.AddTo(command, EngineArguments.ModelFlags);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(images) is null) == (result.GetValue(texts) is null))
            {
                result.AddError("give either --images DIR or --texts FILE");
            }
        });
        command.SetAction((result, cancellationToken) => CommandBoundary.Run(result, host =>
        {
            var models = host.Get<EngineModels>();
            CommandBoundary.NoteIfRandom(models);
            var clip = models.Model;
            List<string> keys;
            float[][] rows;
            if (result.GetValue(images) is { } folder)
            {
                var files = Directory.GetFiles(folder.FullName).Where(f => Indexing.PhotoFormats.Supported.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToList();
                rows = clip.EmbedImageFiles(files, host.Get<ImageDecoder>(), cancellationToken);
                keys = [.. files.Select(Path.GetFileName).OfType<string>()];
            }
            else
            {
                keys = [.. File.ReadAllLines(result.GetValue(texts)!.FullName).Select(l => l.Trim()).Where(l => l.Length > 0)];
                rows = clip.Text.Encode(keys, cancellationToken);
            }

            var path = result.GetValue(output)!.FullName;
            NpyWriter.Write(path, rows);
            File.WriteAllLines(path + ".txt", keys.Select(k => k.ReplaceLineEndings(" ")));
            Console.WriteLine($"{rows.Length} rows of {clip.Dimension} floats in '{path}', their order in '{path}.txt'");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
