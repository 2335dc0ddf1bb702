using System.CommandLine;
using Retrieval.Hosting;
using Retrieval.Models;

namespace Retrieval.Cli.Commands;

/// <summary><c>retrieval tokenize [--model DIR] TEXT...</c>: the token ids a model's tokenizer gives each text.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {input, kind, ids}" };
        var texts = new Argument<string[]>("text") { Description = "Texts to tokenize", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokenize", "Print the token ids the model's tokenizer gives each text") { json, texts };
        EngineArguments.AddTo(command, EngineArguments.Model, EngineArguments.Variant);
        command.SetAction(result => CommandBoundary.Run(result, host =>
        {
            // Only the tokenizer: the graphs are not loaded.
            var models = host.Get<EngineModels>();
            var tokenizer = ModelManifest.Load(models.ModelPath, models.ModelVariant).LoadTokenizer();
            var records = result.GetValue(texts)!.Select(text => EmbeddingRecord.ForText(text, tokenizer.Encode(text), vector: null)).ToList();
            EmbeddingRecord.Write(records, result.GetValue(json), Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
