using System.Diagnostics;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// The store's other process in multi-process tests (tests/Retrieval.CrashWorker): started with a mode and
/// arguments, its output collected line by line as it comes.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Retrieval.CrashWorker.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var worker = new WorkerProcess(Process.Start(start)!);
        worker._process.OutputDataReceived += (_, e) => worker.Receive(e.Data);
        worker._process.BeginOutputReadLine();
        return worker;
    }

    /// <summary>Every line so far.</summary>
    public List<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>Completes when a line (already printed or to come) matches.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Any(match))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>SIGKILL: no finally blocks, no flushing, nothing. Returns every line the worker wrote.</summary>
    public async Task<List<string>> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        // The parameterless wait also drains the output handler: every line the worker wrote is in.
        _process.WaitForExit();
        return Lines();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void CloseInput() => _process.StandardInput.Close();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
