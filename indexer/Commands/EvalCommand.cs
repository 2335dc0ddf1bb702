using System.CommandLine;
using System.Globalization;
using Retrieval.Evaluation;
using Retrieval.Hosting;
using Retrieval.Search;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval eval --images DIR --captions FILE [--split FILE] [--mode vector|keyword|hybrid] [--index-captions N] [--alpha A] [--json] [model flags]</c>:
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
        var indexCaptions = new Option<int>("--index-captions") { Description = "Index the first N captions of each photo with it and ask with the others (default 0: every caption withheld)" };
        var alpha = new Option<double?>("--alpha") { Description = "Hybrid by weighted scores: alpha x vector + (1 - alpha) x keyword (as search --alpha)" };
        var json = CommonFlags.Json();
        var command = new Command("eval", "Measure retrieval quality (Recall@1/5/10, median rank) with captions withheld from the index, or some indexed") { images, captions, split, mode, indexCaptions, alpha, json };
        indexCaptions.Validators.Add(r => OptionRules.Range(r, 0, 4, "--index-captions"));
        alpha.Validators.Add(r => OptionRules.Fraction(r, "--alpha"));
        EngineArguments.AddTo(command, EngineArguments.ModelFlags);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            CommandBoundary.NoteIfRandom(host.Get<EngineModels>());
            var report = await host.Get<EvaluationService>().EvaluateAsync(result.GetValue(images)!.FullName, result.GetValue(captions)!.FullName, result.GetValue(split)?.FullName,
                result.GetValue(mode), result.GetValue(indexCaptions), result.GetValue(alpha), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(report);
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{report.Photos} photos, {report.Captions} captions asked, {report.IndexedCaptions} of each photo's indexed, model {report.Model}, {report.Mode} mode");
            Console.WriteLine("direction        R@1    R@5    R@10   median rank");
            foreach (var (name, recall) in (ReadOnlySpan<(string, RecallReport)>)[("text to image", report.TextToImage), ("image to text", report.ImageToText)])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-15} {recall.RecallAt1,5:0.0}  {recall.RecallAt5,5:0.0}  {recall.RecallAt10,5:0.0}   {recall.MedianRank,6:0.#}"));
            }

            if (report.Cut is { } cut)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"where results stop (the adaptive cut): the answer kept for {cut.AnswerKept:0.0} % of the captions, {cut.MeanKept:0.0} photos kept on average"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
