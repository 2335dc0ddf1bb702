using System.Diagnostics;
using Retrieval.Indexing;
using Spectre.Console;

namespace Retrieval.Cli.Commands;

/// <summary>
/// Shows an index run's progress on stderr (stdout stays for the summary): Spectre.Console bars with count,
/// rate and time left on a terminal; a plain line every few seconds when stderr is piped or redirected.
/// </summary>
internal sealed class IndexProgressView : IProgress<IndexProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IndexProgress _latest = new(IndexPhase.Scanning, 0, 0, 0, 0);
    private TimeSpan _embeddingStarted = TimeSpan.MinValue;

    public void Report(IndexProgress value) => _latest = value;

    public async Task<T> ShowWhileAsync<T>(Task<T> run)
    {
        if (Console.IsErrorRedirected)
        {
            await PlainAsync(run).ConfigureAwait(false);
            return await run.ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(SafeConsole.RawError) });
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var scan = context.AddTask("Scanning", maxValue: 1);
                var embed = context.AddTask("Embedding", autoStart: false);
                while (!run.IsCompleted)
                {
                    Update(scan, embed);
                    await Task.WhenAny(run, Task.Delay(200)).ConfigureAwait(false);
                }

                Update(scan, embed);
                scan.StopTask();
                embed.StopTask();
            }).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    private void Update(ProgressTask scan, ProgressTask embed)
    {
        var now = _latest;
        scan.Description = $"Scanning: {now.Found:N0} files";
        if (now.Phase == IndexPhase.Scanning)
        {
            return;
        }

        scan.Value = scan.MaxValue;
        if (!embed.IsStarted)
        {
            embed.StartTask();
            _embeddingStarted = _clock.Elapsed;
        }

        embed.MaxValue = Math.Max(now.ToDo, 1);
        embed.Value = now.Done;
        embed.Description = $"Embedding: {now.Done:N0}/{now.ToDo:N0} photos, {Rate(now, _clock.Elapsed - _embeddingStarted):0.0}/s"
            + (now.Failed > 0 ? $", {now.Failed:N0} failed" : "");
    }

    private async Task PlainAsync(Task run)
    {
        var clock = Stopwatch.StartNew();
        var lastLine = "";
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(3))).ConfigureAwait(false);
            var now = _latest;
            var line = now.Phase == IndexPhase.Scanning
                ? $"scanning: {now.Found:N0} files found"
                : $"embedding: {now.Done:N0}/{now.ToDo:N0} photos, {Rate(now, clock.Elapsed):0.0}/s, {Remaining(now, clock.Elapsed)} left";
            if (line != lastLine)
            {
                Console.Error.WriteLine(line);
                lastLine = line;
            }
        }
    }

    private static double Rate(IndexProgress now, TimeSpan elapsed) => now.Done / Math.Max(elapsed.TotalSeconds, 0.001);

    private static string Remaining(IndexProgress now, TimeSpan elapsed)
    {
        var rate = Rate(now, elapsed);
        return rate <= 0 ? "?" : TimeSpan.FromSeconds((now.ToDo - now.Done) / rate).ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
