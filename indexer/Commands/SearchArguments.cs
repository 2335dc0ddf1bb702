using System.CommandLine;
using Microsoft.Extensions.Logging;
using Retrieval.Errors;
using Retrieval.Indexing;
using Retrieval.Models;

namespace Retrieval.Indexer.Commands;

/// <summary>What the reading commands (search, caption) share: the index, the model, and that the two belong together.</summary>
internal sealed class SearchArguments
{
    public Option<DirectoryInfo?> Db { get; } = IndexArguments.CreateOption();

    public ModelArguments Model { get; } = new(bundledDefault: true);

    public Option<int> K { get; } = new("--k", "-k") { Description = "How many results (1 to 200)", DefaultValueFactory = _ => 10 };

    public Option<bool> Json { get; } = new("--json") { Description = "Print {\"results\": [...]} as JSON" };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(K);
        command.Options.Add(Json);
        Model.AddTo(command);
        K.Validators.Add(r => OptionRules.Range(r, 1, 200, "--k"));
    }

    /// <summary>Opens the index read-only (an indexer may be writing it).</summary>
    public PhotoIndex OpenIndex(ParseResult result) => IndexArguments.OpenForReading(result, Db);

    /// <summary>Loads the model, which must be the one the index's vectors were made with.</summary>
    public ClipModel LoadModel(ParseResult result, PhotoIndex index, ILogger logger)
    {
        var model = Model.Load(result, logger);
        var fingerprint = ModelFingerprint.Of(model.Manifest);
        if (index.ModelId is { } indexed && indexed != fingerprint)
        {
            model.Dispose();
            throw new RetrievalException($"The index in '{index.Paths.Root}' was built with model '{indexed}', not '{fingerprint}': search with the model it was built with (--model)");
        }

        return model;
    }
}
