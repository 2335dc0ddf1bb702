using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Retrieval.Duplicates;
using Retrieval.Embedding;
using Retrieval.Faces;
using Retrieval.Hosting;
using Retrieval.Ocr;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval index ROOT... [--db DIR] [--captions FILE] [--reembed] [--no-ocr] [--no-faces] [--face-model NAME|DIR] [--decode-threads N] [model flags]</c>:
/// brings the index up to date with the photo folders. Exit code 3 when it finished but some files could not be indexed.
/// </summary>
internal static class IndexCommand
{
    // The tallies the summary words itself; any other (a plug-in's) is listed by its name.
    private static readonly HashSet<string> Shown = [CaptionEmbeddingAnalyzer.Tally, TextReadingAnalyzer.Tally, FaceAnalyzer.Tally, PixelSignatureAnalyzer.NearDuplicatesTally];

    public static Command Create()
    {
        var roots = new Argument<DirectoryInfo[]>("root") { Description = "Photo folders to index", Arity = ArgumentArity.OneOrMore };
        var captions = new Option<FileInfo?>("--captions") { Description = "Import captions by file name: Flickr8k token file (name.jpg#n<TAB>caption) or COCO captions JSON" };
        var reembed = new Option<bool>("--reembed") { Description = "Embed again with the configured models: the vectors made with another model (how an index switches model), or every vector when none was" };
        var command = new Command("index", "Index photo folders: new, changed, moved and deleted files are brought up to date") { roots, captions, reembed };
        EngineArguments.AddTo(command, [EngineArguments.Db, EngineArguments.DecodeThreads, EngineArguments.NoOcr, EngineArguments.NoFaces, EngineArguments.FaceModel, .. EngineArguments.ModelFlags]);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            CommandBoundary.NoteIfRandom(host.Get<EngineModels>());
            var clock = Stopwatch.StartNew();
            var view = new IndexProgressView();
            var folders = result.GetValue(roots)!.Select(r => r.FullName).ToList();
            var counts = await view.ShowWhileAsync(host.Get<LibraryMaintenance>().IndexAsync(folders, result.GetValue(captions)?.FullName, result.GetValue(reembed), view, cancellationToken)).ConfigureAwait(false);
            var status = host.Get<LibraryStatus>().Status();
            var totals = status.Counts;
            var (withText, faces, nearDuplicates) = (counts.TallyOf(TextReadingAnalyzer.Tally), counts.TallyOf(FaceAnalyzer.Tally), counts.TallyOf(PixelSignatureAnalyzer.NearDuplicatesTally));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Found:N0} files found: {counts.Added:N0} new, {counts.Changed:N0} changed, {counts.Moved:N0} moved, {counts.Removed:N0} removed, {counts.Duplicates:N0} duplicates, {counts.Companions:N0} companion files, {counts.Failed:N0} failed."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Embedded {counts.Embedded:N0} photos and {counts.TallyOf(CaptionEmbeddingAnalyzer.Tally):N0} captions in {clock.Elapsed.TotalSeconds:0.0} s{(withText > 0 ? $"; text read in {withText:N0} photos" : "")}" +
                $"{(faces > 0 ? $"; {faces:N0} face{(faces == 1 ? "" : "s")} found" : "")}" +
                $"{(nearDuplicates > 0 ? $"; {nearDuplicates:N0} near-duplicate{(nearDuplicates == 1 ? "" : "s")} of photos indexed before (retrieval status --duplicates --near)" : "")}" +
                $"{string.Concat(counts.Tallies.Where(t => !Shown.Contains(t.Key)).Select(t => $"; {t.Key} {t.Value:N0}"))}."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Index '{status.Root}': {totals.Indexed:N0} photos searchable, {totals.Captions:N0} captions, {totals.Duplicates:N0} duplicates, {totals.Failed:N0} failed (retrieval status --errors)."));
            return totals.Failed > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        }));
        return command;
    }
}
