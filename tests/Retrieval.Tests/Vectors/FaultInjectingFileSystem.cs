using Microsoft.Win32.SafeHandles;
using Retrieval.Vectors.Files;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// The local file system, with one chosen step failing: every operation counts as a step, and the steps in
/// <see cref="Fail"/> throw an <see cref="IOException"/>, either instead of doing their work or, with
/// <see cref="FailAfterDoing"/>, after it (a rename that happened but reported an error). The first step
/// whose description starts with <see cref="HoldOn"/> waits at <see cref="Gate"/>, so a test can act while an
/// operation is stopped there.
/// </summary>
internal sealed class FaultInjectingFileSystem : IStoreFileSystem
{
    private readonly LocalStoreFileSystem _disk = LocalStoreFileSystem.Instance;
    private int _steps;

    /// <summary>Steps taken so far.</summary>
    public int Steps => _steps;

    public HashSet<int> Fail { get; } = [];

    public bool FailAfterDoing { get; set; }

    /// <summary>What each step was, by number (1-based).</summary>
    public List<string> Log { get; } = [];

    public string? HoldOn { get; set; }

    public SemaphoreSlim Gate { get; } = new(0);

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SafeFileHandle OpenColumn(string path, ColumnAccess access) => Step($"open {Path.GetFileName(path)}", () => _disk.OpenColumn(path, access));

    public long GetLength(SafeFileHandle file) => _disk.GetLength(file); // a query, not a step that can half-happen

    public void SetLength(SafeFileHandle file, long length) => Step("set length", () => _disk.SetLength(file, length));

    public MappedColumn Map(SafeFileHandle file, long length) => Step("map", () => _disk.Map(file, length));

    public ValueTask WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> bytes, long offset, CancellationToken cancellationToken)
    {
        Step("write", () => _disk.WriteAsync(file, bytes, offset, cancellationToken).AsTask().GetAwaiter().GetResult());
        return ValueTask.CompletedTask;
    }

    public void Flush(SafeFileHandle file) => Step("flush", () => _disk.Flush(file));

    public byte[] ReadAllBytes(string path) => Step($"read {Path.GetFileName(path)}", () => _disk.ReadAllBytes(path));

    public int ReadPrefix(string path, Span<byte> buffer) => _disk.ReadPrefix(path, buffer);

    public void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Step($"write durably {Path.GetFileName(path)}", () => _disk.WriteDurably(path, copy));
    }

    public void Replace(string source, string destination) => Step($"rename {Path.GetFileName(source)}", () => _disk.Replace(source, destination));

    public void FlushDirectory(string directory) => Step("flush folder", () => _disk.FlushDirectory(directory));

    public void Delete(string path) => Step($"delete {Path.GetFileName(path)}", () => _disk.Delete(path));

    public bool Exists(string path) => _disk.Exists(path);

    public IEnumerable<string> EnumerateFiles(string directory) => _disk.EnumerateFiles(directory);

    private void Step(string what, Action action) => Step(what, () =>
    {
        action();
        return 0;
    });

    private T Step<T>(string what, Func<T> action)
    {
        var step = Interlocked.Increment(ref _steps);
        lock (Log)
        {
            Log.Add(what);
        }

        if (HoldOn is { } hold && what.StartsWith(hold, StringComparison.Ordinal) && Held.TrySetResult())
        {
            Gate.Wait();
        }

        if (!Fail.Contains(step))
        {
            return action();
        }

        if (FailAfterDoing)
        {
            action();
        }

        throw new IOException($"injected fault at step {step} ({what})");
    }
}
