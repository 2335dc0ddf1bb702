using System.CommandLine;
using System.Globalization;
using Retrieval.Backends.Local;
using Retrieval.Models.Download;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval models pull NAME|URL [--dir DIR]</c>: downloads a model folder in the Hugging Face ONNX layout
/// (a repository id such as Xenova/clip-vit-base-patch32, or the address of such a folder), resuming an
/// interrupted download and checking every file's SHA-256 where the source gives one.
/// </summary>
internal static class ModelsCommand
{
    private const string DirectoryVariable = "RETRIEVAL_MODELS";

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A Hugging Face repository id in the ONNX layout (owner/name) or the http(s) address of a model folder" };
        var directory = new Option<DirectoryInfo?>("--dir")
        {
            Description = $"The models directory (default: ${DirectoryVariable}, else {Path.Combine(IndexPaths.UserDataFolder, "models")})",
        };
        var pull = new Command("pull", "Download a model; run it again to resume an interrupted download") { source, directory };
        pull.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async _ =>
        {
            var models = result.GetValue(directory)?.FullName ?? DefaultDirectory();
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) };
            var progress = new LineProgress();
            var folder = await new ModelDownloader(http).PullAsync(ModelSource.Parse(result.GetValue(source)!), models, progress, cancellationToken).ConfigureAwait(false);
            progress.Finish();
            Console.WriteLine($"Model ready in '{folder}': use it with --model '{folder}' (or set $RETRIEVAL_MODEL).");
            return ExitCodes.Ok;
        }));
        return new Command("models", "Manage model folders") { pull };
    }

    private static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured ? configured
            : Path.Combine(IndexPaths.UserDataFolder, "models");

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
            Console.Error.Write(Console.IsErrorRedirected ? line + Environment.NewLine : $"\r{line,-70}");
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
