using Microsoft.Extensions.Options;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Indexing;

namespace Retrieval.Web.Indexing;

/// <summary>
/// Runs index updates in the background, one at a time: on the first start with an empty index it indexes the
/// sample photos (so the page shows real results at once), and <c>POST /api/index</c> rescans every indexed root.
/// It takes the index's writer lock like the CLI: while <c>retrieval index</c> runs, a rescan is refused.
/// </summary>
internal sealed partial class BackgroundIndexing(LibraryMaintenance maintenance, EngineModels models, IndexAccess index, IOptions<ServerOptions> options,
    ILogger<BackgroundIndexing> logger) : BackgroundService
{
    private readonly Lock _state = new();
    private IndexingStatus _status = new(false, null, 0, 0, 0, 0, null, null);
    private Task _run = Task.CompletedTask;
    private CancellationToken _stopping;

    /// <summary>The current status.</summary>
    public IndexingStatus Status
    {
        get
        {
            lock (_state)
            {
                return _status;
            }
        }
    }

    /// <summary>The running (or last) index run, for tests and shutdown.</summary>
    public Task Current
    {
        get
        {
            lock (_state)
            {
                return _run;
            }
        }
    }

    /// <summary>Starts a run over <paramref name="roots"/> (default: every root indexed so far); false when one is already running.</summary>
    public bool TryStart(IReadOnlyList<string>? roots = null)
    {
        lock (_state)
        {
            if (_status.Running)
            {
                return false;
            }

            _status = _status with { Running = true, Phase = IndexPhase.Scanning, Found = 0, Done = 0, ToDo = 0, Failed = 0, LastError = null };
            _run = Task.Run(() => RunAsync(roots, _stopping), CancellationToken.None);
            return true;
        }
    }

    /// <summary>Loads the model before the server listens, so the first search does not wait for it.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _ = models.Model;
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var samples = options.Value.Samples is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "samples");
        if (options.Value.IndexSamplesOnFirstStart && !index.HasIndex && Directory.Exists(samples))
        {
            LogIndexingSamples(logger, samples);
            TryStart([Path.GetFullPath(samples)]);
        }

        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await Current.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task RunAsync(IReadOnlyList<string>? roots, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            var progress = new Progress(this);
            await (roots is null
                ? maintenance.RescanAsync(progress, cancellationToken)
                : maintenance.IndexAsync(roots, captionsFile: null, reembed: false, progress, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "stopped with the server";
        }
        catch (RetrievalException e)
        {
            error = e.Message;
            LogRunFailed(logger, e, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not an engine error: a bug, or a failure nobody typed. The run is over either way: say so, in the status and the log.
            error = $"the index run failed unexpectedly: {e.Message}";
            LogRunFailed(logger, e, error);
        }
        finally
        {
            lock (_state)
            {
                _status = _status with { Running = false, Phase = null, FinishedAt = DateTimeOffset.UtcNow, LastError = error };
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "The index is empty: indexing the sample photos in {Folder}")]
    private static partial void LogIndexingSamples(ILogger logger, string folder);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Index run failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string reason);

    /// <summary>Reports progress into the status synchronously (no SynchronizationContext hop).</summary>
    private sealed class Progress(BackgroundIndexing owner) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            lock (owner._state)
            {
                owner._status = owner._status with { Phase = value.Phase, Found = value.Found, Done = value.Done, ToDo = value.ToDo, Failed = value.Failed };
            }
        }
    }
}
