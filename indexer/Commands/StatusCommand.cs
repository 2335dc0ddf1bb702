using System.CommandLine;
using System.Globalization;
using Retrieval.Duplicates;
using Retrieval.Hosting;
using Retrieval.Video;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval status [--errors] [--duplicates [--near [--min-similarity S]]] [--json]</c>: what the index holds, and
/// which files failed or repeat others (exactly, or as edited copies).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var errors = new Option<bool>("--errors") { Description = "List every file that could not be indexed, and why" };
        var duplicates = new Option<bool>("--duplicates") { Description = "List every exact duplicate and the photo it repeats" };
        var near = new Option<bool>("--near") { Description = "With --duplicates, also the edited copies (resized, re-encoded, cropped, brightened): a pass over the whole library" };
        var minSimilarity = new Option<float?>("--min-similarity")
        {
            Description = "With --near, the aligned pixel similarity from which two photos are copies of one shot (default 0.9; -1 to 1)",
        };
        minSimilarity.Validators.Add(r => OptionRules.ByEngine<float>(r, v => NearDuplicateOptions.CheckMinSimilarity(v)));
        var json = CommonFlags.Json();
        var command = new Command("status", "Show what the index holds") { errors, duplicates, near, minSimilarity, json };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(near) || r.GetValue(minSimilarity) is not null) && !r.GetValue(duplicates))
            {
                r.AddError("--near and --min-similarity go with --duplicates");
            }
        });
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var library = host.Get<LibraryStatus>();
            var status = library.Status(result.GetValue(errors));
            IReadOnlyList<DuplicatePhoto>? repeats = result.GetValue(duplicates)
                ? await library.DuplicatesAsync(result.GetValue(near), result.GetValue(minSimilarity), cancellationToken)
                : null;
            var counts = status.Counts;
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    index = status.Root,
                    model = status.Model,
                    photos = new { counts.Indexed, counts.Pending, counts.Failed, counts.Duplicates, counts.Companions, counts.Total },
                    captions = counts.Captions,
                    tags = counts.Tags,
                    formats = status.Formats.ToDictionary(f => f.Format, f => f.Photos),
                    videos = new { ffmpeg = status.Ffmpeg, waitingForFfmpeg = status.VideosWaitingForFfmpeg },
                    lastRun = status.LastRun is { } r ? new { started = r.Started, finished = r.Finished, outcome = r.Outcome } : null,
                    errors = status.Failures?.Select(f => new { path = f.Path, reason = f.Reason }),
                    duplicates = repeats?.Select(d => new { path = d.Path, original = d.Original, kind = d.Kind, similarity = Math.Round(d.Similarity, 4) }),
                });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Index: {status.Root}");
            Console.WriteLine($"Model: {status.Model ?? "(nothing embedded yet)"}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Photos: {counts.Indexed:N0} searchable, {counts.Pending:N0} pending, {counts.Failed:N0} failed, {counts.Duplicates:N0} duplicates, {counts.Companions:N0} companion files (RAW, originals of edits, Live Photo movies); {counts.Captions:N0} captions, {counts.Tags:N0} tags"));
            if (status.Formats.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Formats: {string.Join(", ", status.Formats.Select(f => $"{f.Format} {f.Photos:N0}"))}"));
            }

            if (status.VideosWaitingForFfmpeg > 0)
            {
                // Said once here, however many videos wait: each one's failure says it too (status --errors).
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Videos: {status.VideosWaitingForFfmpeg:N0} not indexed: {VideoTools.InstallHint}"));
            }

            if (status.LastRun is { } last)
            {
                Console.WriteLine($"Last run: started {last.Started}, " + (last.Finished is null ? "not finished (running, or killed: the next run completes it)" : $"finished {last.Finished} ({last.Outcome})"));
            }

            foreach (var (path, reason) in status.Failures ?? [])
            {
                Console.WriteLine($"failed: {SafeConsole.Line(path)}: {SafeConsole.Line(reason)}");
            }

            foreach (var repeat in repeats ?? [])
            {
                Console.WriteLine(repeat.Kind == DuplicatePhoto.Exact
                    ? $"duplicate: {SafeConsole.Line(repeat.Path)} = {SafeConsole.Line(repeat.Original)}"
                    : string.Create(CultureInfo.InvariantCulture, $"near-duplicate: {SafeConsole.Line(repeat.Path)} ~ {SafeConsole.Line(repeat.Original)} (similarity {repeat.Similarity:0.000})"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
