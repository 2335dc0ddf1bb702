using System.CommandLine;
using System.Globalization;
using Retrieval.Models;
using Retrieval.Models.Download;
using Retrieval.Storage;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval models pull REPO|URL [--variant V] [--dir DIR]</c>: downloads a model — a Hugging Face repository in
/// immich's layout (immich-app/ViT-B-32__openai) or the transformers.js one (Xenova/clip-vit-base-patch32), exactly
/// the files it needs from the hub's tree listing, or the address of a model folder — resuming an interrupted
/// download and checking every file's digest. <c>retrieval models list [--json]</c>: the pulled models with their
/// layout, size, dimension and tokenizer; <c>--model NAME</c> elsewhere takes one of their names.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo?>("--dir")
        {
            Description = $"The models directory (default: ${PulledModels.Variable}, else {Path.Combine(UserData.Folder, "models")})",
        };
        return new Command("models", "Download and list models") { Pull(directory), List(directory) };
    }

    private static Command Pull(Option<DirectoryInfo?> directory)
    {
        var source = new Argument<string>("source") { Description = "A Hugging Face repository id (owner/name; immich or transformers.js layout) or the http(s) address of a model folder" };
        var variant = new Option<string?>("--variant") { Description = "For a transformers.js repository, which graph variant to fetch: quantized, fp16, int8, uint8, q4, ... (default: the plain graphs)" };
        var pull = new Command("pull", "Download a model; run it again to resume an interrupted download") { source, variant, directory };
        pull.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async _ =>
        {
            var models = result.GetValue(directory)?.FullName ?? PulledModels.Directory;
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) };
            var progress = new LineProgress();
            var folder = await new ModelDownloader(http).PullAsync(ModelSource.Parse(result.GetValue(source)!), models, result.GetValue(variant), progress, cancellationToken).ConfigureAwait(false);
            progress.Finish();
            var name = Path.GetFileName(folder);
            Console.WriteLine(models == PulledModels.Directory
                ? $"Model ready in '{folder}': use it with --model {name}."
                : $"Model ready in '{folder}': use it with --model '{folder}' (or --model {name} with ${PulledModels.Variable}={models}).");
            return ExitCodes.Ok;
        }));
        return pull;
    }

    private static Command List(Option<DirectoryInfo?> directory)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {name, path, layout, bytes, dimension, tokenizer, variants, error}" };
        var list = new Command("list", "The models in the models directory: layout, size, dimension, tokenizer") { directory, json };
        list.SetAction(result => CommandBoundary.Run(result, _ =>
        {
            var models = result.GetValue(directory)?.FullName ?? PulledModels.Directory;
            var entries = PulledModels.All(models).Select(PulledModel.Of).ToList();
            if (result.GetValue(json))
            {
                JsonOutput.Write(entries);
                return ExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                Console.WriteLine($"No models in {models}: `retrieval models pull immich-app/ViT-B-32__openai` fetches one.");
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{"NAME",-36} {"LAYOUT",-12} {"SIZE",9} {"DIM",5}  TOKENIZER");
            foreach (var model in entries)
            {
                Console.WriteLine(model.Error is { } error
                    ? $"{model.Name,-36} {"?",-12} {model.Bytes / 1e6,7:0.0} MB {"?",5}  not loadable: {error}"
                    : string.Create(CultureInfo.InvariantCulture, $"{model.Name,-36} {model.Layout,-12} {model.Bytes / 1e6,7:0.0} MB {model.Dimension?.ToString(CultureInfo.InvariantCulture) ?? "?",5}  {model.Tokenizer}{(model.Variants.Count > 0 ? $" (variants: {string.Join(", ", model.Variants)})" : "")}"));
            }

            return ExitCodes.Ok;
        }));
        return list;
    }

    /// <summary>Download progress on stderr: one line rewritten in place on a terminal, a line per file otherwise.</summary>
    private sealed class LineProgress : IProgress<DownloadProgress>
    {
        private string _file = "";
        private DateTime _shown;

        public void Report(DownloadProgress value)
        {
            var now = DateTime.UtcNow;
            var newFile = value.File != _file;
            if (!newFile && now - _shown < TimeSpan.FromMilliseconds(Console.IsErrorRedirected ? 3000 : 200))
            {
                return;
            }

            _file = value.File;
            _shown = now;
            var line = string.Create(CultureInfo.InvariantCulture, $"{value.File}: {value.Done / 1e6:0.0} of {value.Total / 1e6:0.0} MB");
            var shown = SafeConsole.Line(line);
            SafeConsole.RawError.Write(Console.IsErrorRedirected ? shown + Environment.NewLine : $"\r{shown,-70}");
        }

        public void Finish()
        {
            if (!Console.IsErrorRedirected && _file.Length > 0)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
