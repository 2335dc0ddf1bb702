using System.Diagnostics;

namespace Retrieval.Testing;

/// <summary>
/// The one way tests start another process: a .NET program built beside the tests (the CLI, the server, the
/// crash worker, the test binary itself) or any executable, with its own environment, its output collected line by
/// line as it comes, and killed with its children when disposed.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];
    private bool _disposed;

    private ChildProcess(Process process) => _process = process;

    /// <summary>The `retrieval` CLI built beside the tests.</summary>
    public static string Cli => Beside("retrieval.dll");

    /// <summary>The vector store's other process in multi-process tests (tests/Retrieval.CrashWorker).</summary>
    public static string CrashWorker => Beside("Retrieval.CrashWorker.dll");

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (after it has exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>A file built beside the tests.</summary>
    public static string Beside(string file) => Path.Combine(AppContext.BaseDirectory, file);

    /// <summary>
    /// Starts <paramref name="program"/> (a .dll runs with <c>dotnet exec</c>) with <paramref name="arguments"/>;
    /// <paramref name="environment"/> sets (or, with null, removes) variables. <c>RETRIEVAL_MODEL</c> is removed
    /// unless set, so a developer's own model never leaks into a test.
    /// </summary>
    public static ChildProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool input = false)
    {
        var dll = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(dll ? "dotnet" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input, UseShellExecute = false,
        };
        if (dll)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("RETRIEVAL_MODEL");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"));
        child._process.OutputDataReceived += (_, e) => child.Receive(child._stdout, e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Receive(child._stderr, e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <paramref name="program"/> to its end (killed after <paramref name="timeout"/>, default two minutes): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var child = Start(program, arguments, environment);
        var exit = await child.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(2));
        return (exit, child.Stdout, child.Stderr);
    }

    /// <summary>The CLI, run to its end.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync(Cli, arguments, environment);

    /// <summary>Runs a bash command line to its end; it must succeed.</summary>
    public static void Shell(string command)
    {
        var (exit, _, stderr) = RunAsync("bash", ["-c", command]).GetAwaiter().GetResult();
        if (exit != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {exit}: {stderr}");
        }
    }

    /// <summary>Everything written to stdout so far.</summary>
    public string Stdout => Text(_stdout);

    /// <summary>Everything written to stderr so far.</summary>
    public string Stderr => Text(_stderr);

    /// <summary>Every stdout line so far.</summary>
    public List<string> Lines()
    {
        lock (_stdout)
        {
            return [.. _stdout];
        }
    }

    /// <summary>Completes when a stdout line (already printed or to come) matches.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            if (_stdout.Any(match))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    /// <summary>SIGKILL, the whole tree: no finally blocks, no flushing. Returns every stdout line it wrote.</summary>
    public async Task<List<string>> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        // The parameterless wait also drains the output handlers: every line is in.
        _process.WaitForExit();
        return Lines();
    }

    /// <summary>Waits for the exit (killing it after <paramref name="timeout"/>) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"the process did not exit within {timeout}; stderr: {Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Closes its standard input (when started with input).</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string Text(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }

    private void Receive(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            lock (_stderr)
            {
                lines.Add(line);
                if (lines != _stdout)
                {
                    return;
                }

                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
