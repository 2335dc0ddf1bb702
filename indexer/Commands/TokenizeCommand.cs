using System.CommandLine;
using Retrieval.Models;

namespace Retrieval.Indexer.Commands;

/// <summary><c>retrieval tokenize --model DIR TEXT...</c>: the token ids a model's tokenizer gives each text.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = ModelArguments.CreateFolderOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {input, kind, ids}" };
        var texts = new Argument<string[]>("text") { Description = "Texts to tokenize", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokenize", "Print the token ids the model's tokenizer gives each text") { model, json, texts };
        command.SetAction(result => CommandBoundary.Run(_ =>
        {
            var manifest = ModelManifest.Load(result.GetValue(model)!.FullName);
            var tokenizer = manifest.Tokenizer.Load(manifest);
            var records = result.GetValue(texts)!.Select(text => EmbeddingRecord.ForText(text, tokenizer.Encode(text), vector: null)).ToList();
            EmbeddingRecord.Write(records, result.GetValue(json), Console.Out);
            return 0;
        }));
        return command;
    }
}
