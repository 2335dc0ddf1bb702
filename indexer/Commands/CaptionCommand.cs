using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Search;

namespace Retrieval.Indexer.Commands;

/// <summary><c>retrieval caption PATH [--k N] [--json]</c>: image to text, the captions in the index that best describe a photo.</summary>
internal static class CaptionCommand
{
    public static Command Create()
    {
        var shared = new SearchArguments();
        var photo = new Argument<FileInfo>("path") { Description = "The photo to describe" };
        var command = new Command("caption", "Describe a photo with the best-matching captions in the index") { photo };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(async loggers =>
        {
            using var index = shared.OpenIndex(result);
            float[] vector;
            using (var model = shared.LoadModel(result, index, loggers.CreateLogger("retrieval")))
            {
                vector = model.EmbedImageFiles([result.GetValue(photo)!.FullName], new ImageDecoder(new ImagingOptions()), cancellationToken)[0];
            }

            var hits = await new PhotoSearcher(index, new SearchOptions()).CaptionsForImageAsync(vector, result.GetValue(shared.K), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(shared.Json))
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
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {hits[i].Score:0.0000}  {hits[i].Caption}"));
                    Console.WriteLine($"      from {hits[i].Path}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
