using System.Collections.Concurrent;
using System.Diagnostics;

namespace Retrieval.Video;

/// <summary>
/// Starts child programs from one thread that lives as long as the process. Linux sends a child's parent-death signal
/// (set by <c>setpriv --pdeathsig</c>) when the <em>thread</em> that started it ends, not the process: started from a
/// pool thread, FFmpeg would be killed whenever that thread retired. Started from here, it dies with the indexer — and
/// only then, even when the indexer is killed with SIGKILL and runs no cleanup of its own.
/// </summary>
internal static class ToolLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = [];

    static ToolLauncher()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "child process launcher" };
        thread.Start();
    }

    /// <summary>Whether <c>setpriv</c> is there to tie children's lives to this process (util-linux; every Debian has it).</summary>
    public static bool TiesChildren { get; } = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv");

    /// <summary>Starts <paramref name="start"/> on the launcher thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
