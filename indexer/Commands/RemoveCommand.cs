using System.CommandLine;
using Retrieval.Hosting;

namespace Retrieval.Cli.Commands;

/// <summary><c>retrieval remove PATH...</c>: forget photos (files, or everything under folders) from the index.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var targets = new Argument<string[]>("path") { Description = "Photo files or folders to remove from the index (the files themselves are not touched)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("remove", "Remove photos from the index; the files stay where they are") { targets };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var removed = await host.Get<LibraryMaintenance>().RemoveAsync(result.GetValue(targets)!, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Removed {removed:N0} photos from the index (an index run over a folder that still holds them adds them again).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
