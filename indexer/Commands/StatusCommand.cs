using System.CommandLine;
using System.Globalization;
using Retrieval.Errors;
using Retrieval.Indexing;

namespace Retrieval.Indexer.Commands;

/// <summary><c>retrieval status [--errors] [--duplicates] [--json]</c>: what the index holds, and which files failed or repeat others.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var db = IndexArguments.CreateOption();
        var errors = new Option<bool>("--errors") { Description = "List every file that could not be indexed, and why" };
        var duplicates = new Option<bool>("--duplicates") { Description = "List every exact duplicate and the photo it repeats" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("status", "Show what the index holds") { db, errors, duplicates, json };
        command.SetAction(result => CommandBoundary.Run(_ =>
        {
            using var index = IndexArguments.OpenForReading(result, db);
            var paths = index.Paths;
            var counts = index.Catalog.Counts();
            var run = index.Catalog.LastRun();
            var failures = result.GetValue(errors) ? index.Catalog.Failures() : null;
            var repeats = result.GetValue(duplicates) ? index.Catalog.Duplicates() : null;
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    index = paths.Root,
                    model = index.ModelId,
                    photos = new { counts.Indexed, counts.Pending, counts.Failed, counts.Duplicates, counts.Total },
                    captions = counts.Captions,
                    tags = counts.Tags,
                    lastRun = run is { } r ? new { started = r.Started, finished = r.Finished, outcome = r.Outcome } : null,
                    errors = failures?.Select(f => new { path = f.Path, reason = f.Reason }),
                    duplicates = repeats?.Select(d => new { path = d.Path, original = d.Original }),
                });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Index: {paths.Root}");
            Console.WriteLine($"Model: {index.ModelId ?? "(nothing embedded yet)"}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Photos: {counts.Indexed:N0} searchable, {counts.Pending:N0} pending, {counts.Failed:N0} failed, {counts.Duplicates:N0} duplicates; {counts.Captions:N0} captions, {counts.Tags:N0} tags"));
            if (run is { } last)
            {
                Console.WriteLine($"Last run: started {last.Started}, " + (last.Finished is null ? "not finished (running, or killed: the next run completes it)" : $"finished {last.Finished} ({last.Outcome})"));
            }

            foreach (var (path, reason) in failures ?? [])
            {
                Console.WriteLine($"failed: {path}: {reason}");
            }

            foreach (var (path, original) in repeats ?? [])
            {
                Console.WriteLine($"duplicate: {path} = {original}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
