using System.CommandLine;
using System.Globalization;
using Retrieval.Hosting;

namespace Retrieval.Cli.Commands;

/// <summary><c>retrieval caption PATH [--k N] [--json]</c>: image to text, the captions in the index that best describe a photo.</summary>
internal static class CaptionCommand
{
    public static Command Create()
    {
        var photo = new Argument<FileInfo>("path") { Description = "The photo to describe" };
        var k = CommonFlags.Count("captions");
        var json = CommonFlags.Json();
        var command = new Command("caption", "Describe a photo with the best-matching captions in the index") { photo, k, json };
        EngineArguments.AddTo(command, [EngineArguments.Db, .. EngineArguments.ModelFlags]);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            host.Get<IndexAccess>().RequireIndex();
            var hits = await host.Get<SearchService>().CaptionAsync(ImageInput.FromFile(result.GetValue(photo)!.FullName), result.GetValue(k), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(new { results = hits.Select(h => new { h.Path, h.Score, h.Caption, h.PhotoId, h.CaptionId }) });
            }
            else if (hits.Count == 0)
            {
                Console.WriteLine("No captions in the index.");
            }
            else
            {
                for (var i = 0; i < hits.Count; i++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {hits[i].Score:0.0000}  {SafeConsole.Line(hits[i].Caption)}"));
                    Console.WriteLine($"      from {SafeConsole.Line(hits[i].Path)}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
