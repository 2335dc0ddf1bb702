using System.CommandLine;
using System.Globalization;
using Retrieval.Hosting;
using Retrieval.Search;
using Retrieval.Video;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval search [QUERY] [--image PATH] [--k N] [--mode hybrid|vector|keyword] [--alpha A] [--min-score S] [--json]</c>:
/// the best photos for a query in the search language (see <see cref="QueryParser"/>), an image, or both.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("query")
        {
            Description = "What to look for: words, \"phrases\", -word, -\"concept\", folder:, after:, before:, camera:, sort:date (may be left out with --image)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Option<FileInfo?>("--image") { Description = "A photo to search by (with the text: both fused)" };
        var mode = new Option<SearchMode?>("--mode") { Description = "hybrid (vectors and keywords fused), vector or keyword (default: hybrid with text, vector for an image alone)" };
        var alpha = new Option<double?>("--alpha") { Description = "Hybrid fusion by weighted scores: alpha x vector + (1 - alpha) x keyword (default: reciprocal rank fusion)" };
        var minScore = new Option<double?>("--min-score") { Description = "Drop results scoring below this (default: the adaptive cut)" };
        var k = CommonFlags.Count("results");
        var json = CommonFlags.Json();
        var command = new Command("search", "Find photos by what they show, their captions, or another photo") { text, image, mode, alpha, minScore, k, json };
        EngineArguments.AddTo(command, [EngineArguments.Db, .. EngineArguments.ModelFlags]);
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(text)) && result.GetValue(image) is null)
            {
                result.AddError("give a text to search for, or --image PATH");
            }
        });
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            host.Get<IndexAccess>().RequireIndex();
            var input = new SearchInput
            {
                Text = result.GetValue(text),
                Image = result.GetValue(image) is { } file ? ImageInput.FromFile(file.FullName) : null,
                Mode = result.GetValue(mode),
                K = result.GetValue(k),
                Alpha = result.GetValue(alpha),
                MinScore = result.GetValue(minScore),
            };
            var hits = (await host.Get<SearchService>().SearchAsync(input, cancellationToken).ConfigureAwait(false)).Hits;
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    results = hits.Select(h => new { h.Path, h.Score, h.Caption, h.Id, h.VectorScore, h.KeywordScore, h.Width, h.Height, h.TakenAt, h.MatchedWords, h.MatchedCaption, h.Why, h.Kind, h.At, h.Duration, h.Place, People = h.People.Select(p => new { p.Id, p.Name }) }),
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
                    // A video's line says when the moment is: "at 0:12 (12.4 s) of 0:24".
                    var moment = hits[i].At is { } at ? string.Create(CultureInfo.InvariantCulture, $"  at {VideoTime.Format(at)} ({at:0.0} s) of {VideoTime.Format(hits[i].Duration ?? at)}") : "";
                    var place = hits[i].Place is { } where ? $"  ({SafeConsole.Line(where.Label)})" : "";
                    var named = hits[i].People.Select(p => p.Name).OfType<string>().ToList();
                    var people = named.Count > 0 ? $"  with {SafeConsole.Line(string.Join(", ", named))}" : "";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {hits[i].Score:0.0000}  {SafeConsole.Line(hits[i].Path)}{moment}{place}{people}"));
                    if (hits[i].Caption is { } caption)
                    {
                        Console.WriteLine($"      {SafeConsole.Line(caption)}");
                    }
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
