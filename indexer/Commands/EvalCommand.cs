using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retrieval.Evaluation;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Search;

namespace Retrieval.Indexer.Commands;

/// <summary>
/// <c>retrieval eval --images DIR --captions FILE [--split FILE] [--model DIR] [--mode vector|keyword|hybrid] [--json]</c>:
/// text-to-image and image-to-text Recall@1/5/10 and median rank by the standard protocol, through the real indexing pipeline.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var images = new Option<DirectoryInfo>("--images") { Description = "The folder of the photos to evaluate on", Required = true };
        var captions = new Option<FileInfo>("--captions") { Description = "Their captions: Flickr8k token file or COCO captions JSON", Required = true };
        var split = new Option<FileInfo?>("--split") { Description = "A file listing the photos to use, one name a line (default: every captioned photo in the folder)" };
        var mode = new Option<SearchMode>("--mode") { Description = "How text-to-image ranks: vector, keyword or hybrid", DefaultValueFactory = _ => SearchMode.Vector };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON" };
        var model = new ModelArguments(bundledDefault: true);
        var command = new Command("eval", "Measure retrieval quality (Recall@1/5/10, median rank) with captions withheld from the index") { images, captions, split, mode, json };
        model.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(async loggers =>
        {
            var captionFile = CaptionFile.Read(result.GetValue(captions)!.FullName);
            var names = result.GetValue(split) is { } listing
                ? File.ReadAllLines(listing.FullName).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
                : null;
            using var clip = model.Load(result, loggers.CreateLogger("retrieval"));
            var evaluation = new RetrievalEvaluation(clip, new IndexingOptions { BatchSize = clip.Images.MaxBatchSize }, new ImagingOptions());
            var report = await evaluation.RunAsync(result.GetValue(images)!.FullName, captionFile, names, result.GetValue(mode), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(report);
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{report.Photos} photos, {report.Captions} captions, model {report.Model}, {report.Mode} mode");
            Console.WriteLine("direction        R@1    R@5    R@10   median rank");
            foreach (var (name, recall) in (ReadOnlySpan<(string, RecallReport)>)[("text to image", report.TextToImage), ("image to text", report.ImageToText)])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-15} {recall.RecallAt1,5:0.0}  {recall.RecallAt5,5:0.0}  {recall.RecallAt10,5:0.0}   {recall.MedianRank,6:0.#}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
