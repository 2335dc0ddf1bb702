using Retrieval.Backends;
using Retrieval.Errors;

namespace Retrieval.Hosting;

/// <summary>
/// The configured index, as every service reaches it: read-only handles leased from one pool, reads whose storage
/// failures become typed errors, and the one writer of this process. It is a singleton so that every service shares
/// its pool and its writer semaphore; the backend stays inside it, so nothing opens a writer around that semaphore.
/// </summary>
public sealed class IndexAccess : IDisposable
{
    private readonly IIndexBackend _backend;
    private readonly ReaderPool _readers;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Access to the index at the configured root; nothing is opened until first used.</summary>
    public IndexAccess(IndexBackends backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        _backend = backends.At(backends.ConfiguredRoot);
        // Made here, not by the container: the pool reads the backend this type keeps to itself.
        _readers = new ReaderPool(_backend);
    }

    /// <summary>Where the index is.</summary>
    public string Root => _backend.Root;

    /// <summary>Whether an index has been built there.</summary>
    public bool HasIndex => _backend.HasIndex;

    /// <summary>The folder for what is derived from the index and may be thrown away (thumbnails).</summary>
    internal string CacheFolder => _backend.CacheFolder;

    /// <summary>Refuses to go on without an index.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public void RequireIndex()
    {
        if (!HasIndex)
        {
            throw new IndexNotFoundException(Root);
        }
    }

    /// <summary>A read-only index for one caller, or null while nothing has been indexed.</summary>
    /// <exception cref="IndexUnavailableException">The index this process served is gone (deleted, or being replaced).</exception>
    internal ReaderLease? TryLease()
    {
        try
        {
            return _readers.Lease();
        }
        catch (IndexNotFoundException)
        {
            return null;
        }
    }

    /// <summary>What <paramref name="read"/> finds in the index, read under a lease; <paramref name="nothingIndexed"/> while nothing has been indexed.</summary>
    internal T Read<T>(Func<PhotoIndex, T> read, T nothingIndexed)
    {
        using var lease = TryLease();
        return lease is null ? nothingIndexed : Reading(lease, () => read(lease.Index));
    }

    /// <summary>Runs a read of <paramref name="lease"/>'s index, turning a storage failure into its typed error (the index gone, or failing).</summary>
    internal T Reading<T>(ReaderLease lease, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw StorageFailure(e, lease);
        }
    }

    /// <summary>The same, for a read that waits.</summary>
    internal async Task<T> ReadingAsync<T>(ReaderLease lease, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw StorageFailure(e, lease);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the index <paramref name="open"/> opens for writing from the backend, one writer
    /// of this process at a time; later reads see what it wrote.
    /// </summary>
    /// <exception cref="IndexStorageException">The storage failed.</exception>
    internal async Task<T> WriteAsync<T>(Func<IIndexBackend, PhotoIndex> open, Func<PhotoIndex, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var index = open(_backend);
            return await write(index).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw new IndexStorageException(Root, e);
        }
        finally
        {
            _readers.Invalidate();
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
    }

    private static bool IsStorageFailure(Exception e) => e is IOException or System.Data.Common.DbException or UnauthorizedAccessException;

    /// <summary>The index gone from under <paramref name="lease"/>, else a damaged catalog file, else the storage failing.</summary>
    private RetrievalException StorageFailure(Exception e, ReaderLease lease) =>
        !_readers.IsCurrent(lease) ? new IndexUnavailableException(Root, e)
        : lease.Index.Catalog.DamageShownBy(e) ?? (RetrievalException)new IndexStorageException(Root, e);
}
