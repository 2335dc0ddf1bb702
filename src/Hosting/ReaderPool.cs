using System.Collections.Concurrent;
using Retrieval.Backends;
using Retrieval.Errors;

namespace Retrieval.Hosting;

/// <summary>
/// Read-only index handles, one per concurrent caller (a catalog connection serves one thread), reused across
/// calls. Readers see what a writer (this process's or another's) commits. A handle is dropped when it no longer
/// reads the index that is there: after this process writes (<see cref="Invalidate"/>: later handles also see
/// collections created meanwhile), or when the index was replaced under it (the backend's identity changed),
/// so a rebuilt index is served at the next lease, without a restart.
/// </summary>
internal sealed class ReaderPool(IIndexBackend backend) : IDisposable
{
    private readonly ConcurrentBag<Pooled> _pool = [];
    private readonly Lock _open = new();
    private int _generation;
    private bool _served;
    private bool _disposed;

    /// <summary>A read-only index for one caller.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    /// <exception cref="IndexUnavailableException">An index was served, and is gone.</exception>
    public ReaderLease Lease()
    {
        var generation = Volatile.Read(ref _generation);
        var identity = backend.Identity;
        if (identity is null)
        {
            Drain();
            throw Volatile.Read(ref _served) ? new IndexUnavailableException(backend.Root) : new IndexNotFoundException(backend.Root);
        }

        while (_pool.TryTake(out var pooled))
        {
            if (pooled.Generation == generation && pooled.Identity == identity)
            {
                return Lease(pooled);
            }

            pooled.Index.Dispose();
        }

        PhotoIndex index;
        lock (_open)
        {
            try
            {
                index = backend.OpenForReading();
            }
            catch (IndexNotFoundException) when (Volatile.Read(ref _served))
            {
                throw new IndexUnavailableException(backend.Root);
            }
        }

        Volatile.Write(ref _served, true);
        return Lease(new Pooled(index, generation, identity));
    }

    /// <summary>Whether <paramref name="lease"/> still reads the index that is there.</summary>
    public bool IsCurrent(ReaderLease lease) => lease.Identity == backend.Identity;

    /// <summary>Later leases open fresh handles.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_pool.TryTake(out var pooled))
        {
            pooled.Index.Dispose();
        }
    }

    private ReaderLease Lease(Pooled pooled) => new(pooled.Index, pooled.Identity, returned =>
    {
        // A handle opened before anything was embedded lacks collections made since; one from an older generation or index is dropped.
        if (_disposed || pooled.Generation != Volatile.Read(ref _generation) || !returned.Collections.Any() || pooled.Identity != backend.Identity)
        {
            returned.Dispose();
        }
        else
        {
            _pool.Add(pooled);
        }
    });

    private sealed record Pooled(PhotoIndex Index, int Generation, string Identity);
}
