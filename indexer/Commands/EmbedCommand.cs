using System.CommandLine;
using System.CommandLine.Parsing;
using Retrieval.Hosting;
using Retrieval.Imaging;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval embed [--model DIR] [--text T]... [--image PATH]... [--json]</c>: the normalised embedding of
/// each input, in the order given; how anyone checks a model folder against their own reference vectors.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var texts = new Option<string[]>("--text", "-t") { Description = "A text to embed (repeatable)", AllowMultipleArgumentsPerToken = false };
        var images = new Option<string[]>("--image", "-i") { Description = "An image file to embed (repeatable)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {input, kind, ids, vector}" };
        var command = new Command("embed", "Print the normalised embedding of texts and images") { texts, images, json };
        EngineArguments.AddTo(command, EngineArguments.ModelFlags);
        command.Validators.Add(result =>
        {
            if (result.GetValue(texts) is not { Length: > 0 } && result.GetValue(images) is not { Length: > 0 })
            {
                result.AddError("give at least one --text or --image");
            }
        });
        command.SetAction((result, cancellationToken) => CommandBoundary.Run(result, host =>
        {
            var models = host.Get<EngineModels>();
            CommandBoundary.NoteIfRandom(models);
            var inputs = InputsInOrder(result, texts, images);
            var model = models.Model;
            var textInputs = inputs.Where(i => i.IsText).Select(i => i.Value).ToList();
            var imageInputs = inputs.Where(i => !i.IsText).Select(i => i.Value).ToList();
            var textVectors = model.Text.Encode(textInputs, cancellationToken);
            var imageVectors = model.EmbedImageFiles(imageInputs, host.Get<ImageDecoder>(), cancellationToken);

            var records = new List<EmbeddingRecord>(inputs.Count);
            int nextText = 0, nextImage = 0;
            foreach (var input in inputs)
            {
                records.Add(input.IsText
                    ? EmbeddingRecord.ForText(input.Value, model.Text.Tokenizer.Encode(input.Value), textVectors[nextText++])
                    : EmbeddingRecord.ForImage(input.Value, imageVectors[nextImage++]));
            }

            EmbeddingRecord.Write(records, result.GetValue(json), Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The --text and --image values interleaved as they stood on the command line.</summary>
    private static List<(bool IsText, string Value)> InputsInOrder(ParseResult result, Option<string[]> texts, Option<string[]> images)
    {
        var inputs = new List<(bool, string)>();
        Option? current = null;
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.Option)
            {
                current = texts.Name == token.Value || texts.Aliases.Contains(token.Value) ? texts
                    : images.Name == token.Value || images.Aliases.Contains(token.Value) ? images : null;
            }
            else if (token.Type == TokenType.Argument && current is not null)
            {
                inputs.Add((current == texts, token.Value));
                current = null;
            }
        }

        return inputs;
    }
}
