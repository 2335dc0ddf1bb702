using Retrieval.Errors;

namespace Retrieval.Vectors;

/// <summary>
/// Exact nearest-neighbour search over L2-normalised vectors, persisted in one folder and crash-safe.
/// Vectors live in memory-mapped column files (float32 as the source of truth, an int8 copy for the fast
/// scan); a checksummed manifest, replaced atomically, says which slots are committed and which deleted.
/// Every mutation is durable when its task completes; a process killed at any moment reopens with every
/// acknowledged vector and no partial one. Searches run concurrently with each other and with writes;
/// writes are serialised.
/// </summary>
public sealed partial class VectorStore : IVectorIndex, IDisposable
{
    private readonly string _directory;
    private readonly VectorStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Searches hold it for reading while they touch mapped memory; remapping and segment swaps take it for writing.
    private readonly ReaderWriterLockSlim _mapLock = new();
    private Segment _segment;
    private volatile StoreState _state;
    private Dictionary<long, long>? _slotsById;
    private int _disposed;

    private VectorStore(string directory, VectorStoreOptions options, Segment segment, StoreState state)
    {
        _directory = directory;
        _options = options;
        _segment = segment;
        _state = state;
    }

    /// <summary>The store folder.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public int Dimension => _state.Manifest.Dimension;

    /// <summary>The model the vectors were made with; a different model's vectors do not belong here.</summary>
    public string ModelId => _state.Manifest.ModelId;

    /// <inheritdoc />
    public long Count => _state.LiveCount;

    /// <summary>Slots in the files, deleted ones included: what a compaction would reclaim is <c>SlotCount - Count</c>.</summary>
    public long SlotCount => _state.Manifest.SlotCount;

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<long> ids, ReadOnlyMemory<float> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (vectors.Length != ids.Count * Dimension)
        {
            throw new ArgumentException($"{ids.Count} ids need {ids.Count * Dimension} floats ({Dimension} each), not {vectors.Length}", nameof(vectors));
        }

        if (ids.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var slotsById = SlotsById();
            var state = _state;
            var first = state.Manifest.SlotCount;
            var batch = new SlotBatch(ids.Count, Dimension);
            var replaced = new List<long>();
            var added = new Dictionary<long, long>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                batch.Add(ids[i], vectors.Span.Slice(i * Dimension, Dimension));
                // The id's previous slot, committed or earlier in this batch, becomes a tombstone.
                if (added.TryGetValue(ids[i], out var earlier) || slotsById.TryGetValue(ids[i], out earlier))
                {
                    replaced.Add(earlier);
                }

                added[ids[i]] = first + i;
            }

            WithMapWriteLock(() => _segment.EnsureCapacity(first + ids.Count));
            await _segment.WriteAsync(first, batch, cancellationToken).ConfigureAwait(false);
            _segment.Flush();
            var manifest = state.Manifest with
            {
                Generation = state.Manifest.Generation + 1,
                SlotCount = first + ids.Count,
                Chunks = AppendChunk(state.Manifest.Chunks, first, ids.Count),
                Deleted = MergeSorted(state.Manifest.Deleted, replaced),
            };
            cancellationToken.ThrowIfCancellationRequested();
            Commit(manifest);
            foreach (var (id, slot) in added)
            {
                slotsById[id] = slot;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var slotsById = SlotsById();
            var slots = new List<long>();
            foreach (var id in ids.Distinct())
            {
                if (slotsById.TryGetValue(id, out var slot))
                {
                    slots.Add(slot);
                }
            }

            if (slots.Count == 0)
            {
                return;
            }

            var state = _state;
            cancellationToken.ThrowIfCancellationRequested();
            Commit(state.Manifest with { Generation = state.Manifest.Generation + 1, Deleted = MergeSorted(state.Manifest.Deleted, slots) });
            foreach (var id in ids)
            {
                slotsById.Remove(id);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Copies the stored (normalised) vector of <paramref name="id"/> into <paramref name="destination"/>.</summary>
    public bool TryGetVector(long id, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimension, nameof(destination));
        _writeLock.Wait();
        try
        {
            if (!SlotsById().TryGetValue(id, out var slot))
            {
                return false;
            }

            _mapLock.EnterReadLock();
            try
            {
                _segment.Vector(slot).CopyTo(destination);
                return true;
            }
            finally
            {
                _mapLock.ExitReadLock();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Rewrites the live vectors into a new segment without the deleted slots, then switches to it in one
    /// manifest commit and removes the old files. A crash at any point leaves the old or the new store whole.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            var old = _segment;
            var number = old.Number + 1;
            Segment.DeleteFiles(_directory, number);
            var target = Segment.Open(_directory, number, Dimension, 0, create: true);
            try
            {
                target.EnsureCapacity(Math.Max(state.LiveCount, 1));
                var chunks = await CopyLiveSlotsAsync(state, old, target, cancellationToken).ConfigureAwait(false);
                target.Flush();
                cancellationToken.ThrowIfCancellationRequested();
                var manifest = state.Manifest with
                {
                    Generation = state.Manifest.Generation + 1,
                    Segment = number,
                    SlotCount = state.LiveCount,
                    Chunks = chunks,
                    Deleted = [],
                };
                WithMapWriteLock(() =>
                {
                    Commit(manifest);
                    _segment = target;
                });
            }
            catch
            {
                target.Dispose();
                Segment.DeleteFiles(_directory, number);
                throw;
            }

            _slotsById = null;
            old.Dispose();
            Segment.DeleteFiles(_directory, old.Number);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _mapLock.EnterWriteLock();
        try
        {
            _segment.Dispose();
        }
        finally
        {
            _mapLock.ExitWriteLock();
        }

        _mapLock.Dispose();
        _writeLock.Dispose();
    }

    private async Task<List<StoreChunk>> CopyLiveSlotsAsync(StoreState state, Segment source, Segment target, CancellationToken cancellationToken)
    {
        const int ChunkSlots = 65_536;
        var chunks = new List<StoreChunk>();
        var batch = new SlotBatch(4096, Dimension);
        long written = 0, chunkStart = 0;
        for (long slot = 0; slot < state.Manifest.SlotCount; slot++)
        {
            if (state.IsDeleted(slot))
            {
                continue;
            }

            batch.CopyFrom(source, slot);
            if (batch.Count == 4096 || written + batch.Count - chunkStart == ChunkSlots)
            {
                await target.WriteAsync(written, batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                batch.Clear();
                if (written - chunkStart == ChunkSlots)
                {
                    chunks.Add(target.Hash(chunkStart, ChunkSlots));
                    chunkStart = written;
                }
            }
        }

        await target.WriteAsync(written, batch, cancellationToken).ConfigureAwait(false);
        written += batch.Count;
        if (written > chunkStart)
        {
            chunks.Add(target.Hash(chunkStart, written - chunkStart));
        }

        return chunks;
    }

    /// <summary>
    /// The chunk list with slots [<paramref name="first"/>, +<paramref name="count"/>) checksummed. A small last
    /// chunk is re-hashed together with the new slots instead, so many small appends do not grow the
    /// manifest (rewritten by every commit) without bound.
    /// </summary>
    private StoreChunk[] AppendChunk(IReadOnlyList<StoreChunk> chunks, long first, int count)
    {
        const long MergeBelow = 4096;
        if (chunks.Count > 0 && chunks[^1].Count < MergeBelow)
        {
            return [.. chunks.Take(chunks.Count - 1), _segment.Hash(chunks[^1].Start, chunks[^1].Count + count)];
        }

        return [.. chunks, _segment.Hash(first, count)];
    }

    /// <summary>The commit point: the new manifest is written beside the old, flushed, and renamed over it.</summary>
    private void Commit(StoreManifest manifest)
    {
        var path = Path.Combine(_directory, StoreFileNames.Manifest);
        var temporary = Path.Combine(_directory, StoreFileNames.ManifestTemporary);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(manifest.Serialize());
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(_directory);
        _state = StoreState.From(manifest);
    }

    /// <summary>Id to slot for every live vector, built on first need (opening stays a map-only operation). Call under the write lock.</summary>
    private Dictionary<long, long> SlotsById()
    {
        if (_slotsById is { } map)
        {
            return map;
        }

        var state = _state;
        map = new Dictionary<long, long>((int)Math.Min(state.LiveCount, int.MaxValue / 2));
        _mapLock.EnterReadLock();
        try
        {
            for (long slot = 0; slot < state.Manifest.SlotCount; slot++)
            {
                if (!state.IsDeleted(slot))
                {
                    unsafe
                    {
                        map[_segment.Ids[slot]] = slot;
                    }
                }
            }
        }
        finally
        {
            _mapLock.ExitReadLock();
        }

        return _slotsById = map;
    }

    private void WithMapWriteLock(Action action)
    {
        _mapLock.EnterWriteLock();
        try
        {
            action();
        }
        finally
        {
            _mapLock.ExitWriteLock();
        }
    }

    private static long[] MergeSorted(IReadOnlyList<long> existing, List<long> added)
    {
        if (added.Count == 0)
        {
            return existing as long[] ?? [.. existing];
        }

        var merged = new SortedSet<long>(existing);
        merged.UnionWith(added);
        return [.. merged];
    }
}
