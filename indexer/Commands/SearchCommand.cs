using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Search;

namespace Retrieval.Indexer.Commands;

/// <summary>
/// <c>retrieval search TEXT [--image PATH] [--k N] [--mode hybrid|vector|keyword] [--json]</c>: the best photos
/// for a text, an image, or both.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var shared = new SearchArguments();
        var text = new Argument<string>("text") { Description = "What to look for, in words (may be left out with --image)", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<FileInfo?>("--image") { Description = "A photo to search by (with the text: both fused)" };
        var mode = new Option<SearchMode>("--mode") { Description = "hybrid (vectors and keywords fused), vector or keyword", DefaultValueFactory = _ => SearchMode.Hybrid };
        var command = new Command("search", "Find photos by what they show, their captions, or another photo") { text, image, mode };
        shared.AddTo(command);
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(text)) && result.GetValue(image) is null)
            {
                result.AddError("give a text to search for, or --image PATH");
            }
        });
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(async loggers =>
        {
            using var index = shared.OpenIndex(result);
            var query = result.GetValue(text) ?? "";
            var searchMode = result.GetValue(mode);
            var imagePath = result.GetValue(image)?.FullName;
            float[]? textVector = null, imageVector = null;
            if (searchMode != SearchMode.Keyword || imagePath is not null)
            {
                using var model = shared.LoadModel(result, index, loggers.CreateLogger("retrieval"));
                textVector = query.Trim().Length > 0 ? model.Text.Encode([query], cancellationToken)[0] : null;
                imageVector = imagePath is null ? null : model.EmbedImageFiles([imagePath], new ImageDecoder(new ImagingOptions()), cancellationToken)[0];
            }

            var searcher = new PhotoSearcher(index, new SearchOptions());
            var hits = await searcher.SearchAsync(new PhotoQuery(query, textVector, imageVector), result.GetValue(shared.K), searchMode, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(shared.Json))
            {
                JsonOutput.Write(new { results = hits.Select(h => new { h.Path, h.Score, h.Caption, h.Id, h.VectorScore, h.KeywordScore, h.Width, h.Height, h.TakenAt }) });
            }
            else if (hits.Count == 0)
            {
                Console.WriteLine("No photos found.");
            }
            else
            {
                for (var i = 0; i < hits.Count; i++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {hits[i].Score:0.0000}  {hits[i].Path}"));
                    if (hits[i].Caption is { } caption)
                    {
                        Console.WriteLine($"      {caption}");
                    }
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
