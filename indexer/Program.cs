using System.CommandLine;
using Retrieval.Cli.Commands;

SafeConsole.Install();

var root = new RootCommand("retrieval: search photo collections by what they show, with a CLIP-style model")
{
    IndexCommand.Create(),
    SearchCommand.Create(),
    CaptionCommand.Create(),
    StatusCommand.Create(),
    PlacesCommand.Create(),
    PeopleCommand.Create(),
    RemoveCommand.Create(),
    ModelsCommand.Create(),
    EvalCommand.Create(),
    FeaturesCommand.Create(),
    TokenizeCommand.Create(),
    EmbedCommand.Create(),
    KeyCommand.Create(),
};
root.Options.Add(CommonFlags.Verbose);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Try 'retrieval --help'.");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();
