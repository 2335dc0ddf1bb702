using System.CommandLine;
using System.Globalization;

namespace Retrieval.Cli.Commands;

/// <summary><c>retrieval status [--errors] [--duplicates] [--json]</c>: what the index holds, and which files failed or repeat others.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var errors = new Option<bool>("--errors") { Description = "List every file that could not be indexed, and why" };
        var duplicates = new Option<bool>("--duplicates") { Description = "List every exact duplicate and the photo it repeats" };
        var json = CommonFlags.Json();
        var command = new Command("status", "Show what the index holds") { errors, duplicates, json };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction(result => CommandBoundary.Run(result, host =>
        {
            var status = host.Engine.Status(result.GetValue(errors), result.GetValue(duplicates));
            var counts = status.Counts;
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    index = status.Root,
                    model = status.Model,
                    photos = new { counts.Indexed, counts.Pending, counts.Failed, counts.Duplicates, counts.Total },
                    captions = counts.Captions,
                    tags = counts.Tags,
                    lastRun = status.LastRun is { } r ? new { started = r.Started, finished = r.Finished, outcome = r.Outcome } : null,
                    errors = status.Failures?.Select(f => new { path = f.Path, reason = f.Reason }),
                    duplicates = status.Duplicates?.Select(d => new { path = d.Path, original = d.Original }),
                });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Index: {status.Root}");
            Console.WriteLine($"Model: {status.Model ?? "(nothing embedded yet)"}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Photos: {counts.Indexed:N0} searchable, {counts.Pending:N0} pending, {counts.Failed:N0} failed, {counts.Duplicates:N0} duplicates; {counts.Captions:N0} captions, {counts.Tags:N0} tags"));
            if (status.LastRun is { } last)
            {
                Console.WriteLine($"Last run: started {last.Started}, " + (last.Finished is null ? "not finished (running, or killed: the next run completes it)" : $"finished {last.Finished} ({last.Outcome})"));
            }

            foreach (var (path, reason) in status.Failures ?? [])
            {
                Console.WriteLine($"failed: {path}: {reason}");
            }

            foreach (var (path, original) in status.Duplicates ?? [])
            {
                Console.WriteLine($"duplicate: {path} = {original}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
