namespace Retrieval.Hosting;

/// <summary>
/// Bytes that concurrent work may hold at once (decoded pixels): each caller waits, first come first served, until
/// its share is free, and gives it back when done. A share larger than the whole budget waits for all of it, so one
/// oversized image runs alone rather than never.
/// </summary>
public sealed class MemoryBudget
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource<IDisposable> Ready)> _waiting = new();
    private readonly long _capacity;
    private long _free;

    /// <summary>A budget of <paramref name="capacity"/> bytes.</summary>
    public MemoryBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        (_capacity, _free) = (capacity, capacity);
    }

    /// <summary>The whole budget.</summary>
    public long Capacity => _capacity;

    /// <summary>Waits until <paramref name="bytes"/> (at most the whole budget) are free and takes them; dispose the result to give them back.</summary>
    public async Task<IDisposable> AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        var share = Math.Clamp(bytes, 0, _capacity);
        LinkedListNode<(long, TaskCompletionSource<IDisposable>)> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _free >= share)
            {
                _free -= share;
                return new Share(this, share);
            }

            node = _waiting.AddLast((share, new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        await using var cancellation = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    node.Value.Item2.TrySetCanceled(cancellationToken);
                }
            }

            Release(0); // the next in line may fit now that this one left the queue
        }).ConfigureAwait(false);
        return await node.Value.Item2.Task.ConfigureAwait(false);
    }

    private void Release(long share)
    {
        var ready = new List<(TaskCompletionSource<IDisposable> Ready, IDisposable Share)>();
        lock (_lock)
        {
            _free += share;
            while (_waiting.First is { } first && _free >= first.Value.Bytes)
            {
                _waiting.RemoveFirst();
                _free -= first.Value.Bytes;
                ready.Add((first.Value.Ready, new Share(this, first.Value.Bytes)));
            }
        }

        foreach (var (waiter, granted) in ready)
        {
            if (!waiter.TrySetResult(granted))
            {
                granted.Dispose();
            }
        }
    }

    private sealed class Share(MemoryBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
