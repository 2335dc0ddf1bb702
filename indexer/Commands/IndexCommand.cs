using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Indexing;

namespace Retrieval.Indexer.Commands;

/// <summary>
/// <c>retrieval index ROOT... [--db DIR] [--model DIR] [--captions FILE] [--batch N] [--threads N] [--reembed]</c>:
/// brings the index up to date with the photo folders. Exit code 3 when it finished but some files could not be indexed.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var roots = new Argument<DirectoryInfo[]>("root") { Description = "Photo folders to index", Arity = ArgumentArity.OneOrMore };
        var db = IndexArguments.CreateOption();
        var model = new ModelArguments(bundledDefault: true);
        var captions = new Option<FileInfo?>("--captions") { Description = "Import captions by file name: Flickr8k token file (name.jpg#n<TAB>caption) or COCO captions JSON" };
        var batch = new Option<int>("--batch") { Description = "Photos per image-encoder run", DefaultValueFactory = _ => 32 };
        var threads = new Option<int>("--threads") { Description = "Threads reading and decoding photos (0: one per core)", DefaultValueFactory = _ => 0 };
        var reembed = new Option<bool>("--reembed") { Description = "Embed every photo again (needed to switch an index to another model)" };
        var command = new Command("index", "Index photo folders: new, changed, moved and deleted files are brought up to date") { roots, db, captions, batch, threads, reembed };
        model.AddTo(command);
        batch.Validators.Add(r => OptionRules.Range(r, 1, 4096, "--batch"));
        threads.Validators.Add(r => OptionRules.Range(r, 0, 256, "--threads"));
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(async loggers =>
        {
            var folders = result.GetValue(roots)!.Select(r => Path.TrimEndingDirectorySeparator(r.FullName)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var folder in folders.Where(f => !Directory.Exists(f)))
            {
                throw new RetrievalException(File.Exists(folder)
                    ? $"'{folder}' is a file: give the folder that holds the photos"
                    : $"Photo folder '{folder}' does not exist");
            }

            var paths = IndexArguments.Read(result, db);
            var captionFile = result.GetValue(captions) is { } file ? CaptionFile.Read(file.FullName) : null;
            var clock = Stopwatch.StartNew();
            using var clip = model.Load(result, loggers.CreateLogger("retrieval"), result.GetValue(batch));
            using var index = PhotoIndex.OpenForWriting(paths, ModelFingerprint.Of(clip.Manifest), clip.Dimension, result.GetValue(reembed));
            var options = new IndexingOptions { BatchSize = result.GetValue(batch), Threads = result.GetValue(threads) };
            var pipeline = new IndexingPipeline(index, clip, options, new ImagingOptions());
            var view = new IndexProgressView();
            var counts = await view.ShowWhileAsync(pipeline.RunAsync(folders, captionFile, view, cancellationToken)).ConfigureAwait(false);
            var totals = index.Catalog.Counts();
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Found:N0} files found: {counts.Added:N0} new, {counts.Changed:N0} changed, {counts.Moved:N0} moved, {counts.Removed:N0} removed, {counts.Duplicates:N0} duplicates, {counts.Failed:N0} failed."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Embedded {counts.Embedded:N0} photos and {counts.CaptionsEmbedded:N0} captions in {seconds:0.0} s."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Index '{paths.Root}': {totals.Indexed:N0} photos searchable, {totals.Captions:N0} captions, {totals.Duplicates:N0} duplicates, {totals.Failed:N0} failed (retrieval status --errors)."));
            return totals.Failed > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        }));
        return command;
    }
}
