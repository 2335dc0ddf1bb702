using System.Collections.Concurrent;
using Retrieval.Backends;

namespace Retrieval.Hosting;

/// <summary>
/// Read-only index handles, one per concurrent caller (a catalog connection serves one thread), reused across
/// calls. Readers see what a writer (this process's or another's) commits; after this process writes,
/// <see cref="Invalidate"/> makes later leases open fresh handles, which also see collections created meanwhile.
/// </summary>
internal sealed class ReaderPool(IIndexBackend backend) : IDisposable
{
    private readonly ConcurrentBag<(PhotoIndex Index, int Generation)> _pool = [];
    private readonly Lock _open = new();
    private int _generation;
    private bool _disposed;

    /// <summary>A read-only index for one caller.</summary>
    /// <exception cref="Errors.IndexNotFoundException">Nothing has been indexed yet.</exception>
    public ReaderLease Lease()
    {
        var generation = Volatile.Read(ref _generation);
        while (_pool.TryTake(out var pooled))
        {
            if (pooled.Generation == generation)
            {
                return Lease(pooled.Index, generation);
            }

            pooled.Index.Dispose();
        }

        PhotoIndex index;
        lock (_open)
        {
            index = backend.OpenForReading();
        }

        return Lease(index, generation);
    }

    /// <summary>Later leases open fresh handles.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose()
    {
        _disposed = true;
        while (_pool.TryTake(out var pooled))
        {
            pooled.Index.Dispose();
        }
    }

    private ReaderLease Lease(PhotoIndex index, int generation) => new(index, returned =>
    {
        // A handle opened before anything was embedded lacks collections made since; one from an older generation is dropped.
        if (_disposed || generation != Volatile.Read(ref _generation) || returned.Images is null)
        {
            returned.Dispose();
        }
        else
        {
            _pool.Add((returned, generation));
        }
    });
}
