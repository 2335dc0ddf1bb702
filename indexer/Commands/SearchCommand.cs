using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Search;

namespace Retrieval.Indexer.Commands;

/// <summary>
/// <c>retrieval search QUERY [--image PATH] [--k N] [--mode hybrid|vector|keyword] [--alpha A] [--min-score S] [--json]</c>:
/// the best photos for a query in the search language (see <see cref="QueryParser"/>), an image, or both.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var shared = new SearchArguments();
        var text = new Argument<string>("query")
        {
            Description = "What to look for: words, \"phrases\", -word, -\"concept\", folder:, after:, before:, camera:, sort:date (may be left out with --image)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Option<FileInfo?>("--image") { Description = "A photo to search by (with the text: both fused)" };
        var mode = new Option<SearchMode>("--mode") { Description = "hybrid (vectors and keywords fused), vector or keyword", DefaultValueFactory = _ => SearchMode.Hybrid };
        var alpha = new Option<double?>("--alpha") { Description = "Hybrid fusion by weighted scores: alpha x vector + (1 - alpha) x keyword (default: reciprocal rank fusion)" };
        var minScore = new Option<double?>("--min-score") { Description = "Drop results scoring below this (default: the adaptive cut)" };
        var command = new Command("search", "Find photos by what they show, their captions, or another photo") { text, image, mode, alpha, minScore };
        alpha.Validators.Add(r => OptionRules.Fraction(r, "--alpha"));
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
            var query = QueryParser.Parse(result.GetValue(text));
            using var index = shared.OpenIndex(result);
            var searchMode = result.GetValue(mode);
            var imagePath = result.GetValue(image)?.FullName;
            float[]? textVector = null, imageVector = null;
            if (searchMode != SearchMode.Keyword || imagePath is not null)
            {
                using var model = shared.LoadModel(result, index, loggers.CreateLogger("retrieval"));
                textVector = QueryVectors.ForText(model, query, cancellationToken);
                imageVector = imagePath is null ? null : model.EmbedImageFiles([imagePath], new ImageDecoder(new ImagingOptions()), cancellationToken)[0];
            }

            var searcher = new PhotoSearcher(index, new SearchOptions());
            var request = new SearchRequest
            {
                Query = query, TextVector = textVector, ImageVector = imageVector, Mode = searchMode, K = result.GetValue(shared.K),
                Alpha = result.GetValue(alpha), MinScore = result.GetValue(minScore),
            };
            var hits = (await searcher.SearchAsync(request, cancellationToken).ConfigureAwait(false)).Hits;
            if (result.GetValue(shared.Json))
            {
                JsonOutput.Write(new
                {
                    results = hits.Select(h => new { h.Path, h.Score, h.Caption, h.Id, h.VectorScore, h.KeywordScore, h.Width, h.Height, h.TakenAt, h.MatchedWords, h.MatchedCaption }),
                });
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
