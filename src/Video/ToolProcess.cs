using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Retrieval.Errors;

namespace Retrieval.Video;

/// <summary>
/// One run of FFmpeg or ffprobe under the indexer's rules: a time limit (past it, or on cancellation, it is killed), a
/// lower priority than the encoder (<c>nice</c>), tied to the indexer's life (<see cref="ToolLauncher"/>), no standard
/// input, its output read as a stream and the end of its error output kept for the message when it fails.
/// </summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private const int ErrorTailChars = 2000;

    private readonly Process _process;
    private readonly CancellationTokenSource _limit;
    private readonly CancellationTokenRegistration _kill;
    private readonly Task _errors;
    private readonly StringBuilder _errorTail = new();
    private readonly Action<string>? _onErrorLine;

    private ToolProcess(Process process, CancellationTokenSource limit, Action<string>? onErrorLine)
    {
        (_process, _limit, _onErrorLine) = (process, limit, onErrorLine);
        _kill = limit.Token.Register(Kill);
        _errors = Task.Run(ReadErrorsAsync, CancellationToken.None);
    }

    /// <summary>The program's standard output.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Whether it was stopped because its time ran out (not cancelled by the caller).</summary>
    public bool TimedOut { get; private set; }

    /// <summary>The last lines it wrote to its error output.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_errorTail)
            {
                return _errorTail.ToString().Trim();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/>; each line of its error output also goes to <paramref name="onErrorLine"/>.</summary>
    /// <exception cref="UnreadableVideoException">The program cannot be started (not installed).</exception>
    public static async Task<ToolProcess> StartAsync(string program, IEnumerable<string> arguments, TimeSpan timeLimit, string source, Action<string>? onErrorLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ToolLauncher.TiesChildren)
        {
            start.FileName = "/usr/bin/setpriv";
            foreach (var prefix in (string[])["--pdeathsig", "KILL", "--", "nice", "-n", "10", program])
            {
                start.ArgumentList.Add(prefix);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Process process;
        try
        {
            process = await ToolLauncher.StartAsync(start).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new UnreadableVideoException(source, $"{Path.GetFileName(program)} cannot be started ({e.Message}): {VideoTools.InstallHint}", e);
        }

        process.StandardInput.Close();
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        var tool = new ToolProcess(process, limit, onErrorLine);
        limit.Token.Register(() => tool.TimedOut = !cancellationToken.IsCancellationRequested);
        return tool;
    }

    /// <summary>Waits for it to end (after its output was read to the end); its exit code, or −1 when it was killed.</summary>
    public async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _errors.ConfigureAwait(false);
        return _limit.IsCancellationRequested ? -1 : _process.ExitCode;
    }

    /// <summary>Kills it if it still runs, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _errors.ConfigureAwait(false);
        await _kill.DisposeAsync().ConfigureAwait(false);
        _limit.Dispose();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            _onErrorLine?.Invoke(line);
            lock (_errorTail)
            {
                _errorTail.AppendLine(line);
                if (_errorTail.Length > ErrorTailChars * 2)
                {
                    _errorTail.Remove(0, _errorTail.Length - ErrorTailChars);
                }
            }
        }
    }
}
