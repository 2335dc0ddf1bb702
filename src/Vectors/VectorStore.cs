using Retrieval.Errors;
using Retrieval.Storage;
using Retrieval.Vectors.Files;

namespace Retrieval.Vectors;

/// <summary>
/// Exact nearest-neighbour search over L2-normalised vectors, persisted in one folder and crash-safe.
/// Vectors live in memory-mapped column files (float32 as the source of truth, an int8 copy for the fast
/// scan); a checksummed manifest, replaced atomically, says which slots are committed and which deleted.
/// Every mutation is durable when its task completes; a process killed at any moment reopens with every
/// acknowledged vector and no partial one. One process writes a store (it holds the folder's writer lock);
/// any number read it at once, read-only, and see each new commit at their next search. Searches run
/// concurrently with each other and with writes; writes are serialised.
/// </summary>
public sealed partial class VectorStore : IVectorIndex, IDisposable
{
    /// <summary>The largest <c>k</c> a search accepts.</summary>
    public const int MaxK = IVectorIndex.MaxK;

    private readonly string _directory;
    private readonly string _manifestPath;
    private readonly VectorStoreOptions _options;
    private readonly IStoreFileSystem _files;
    private readonly WriterLock? _writerLock;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Searches and lookups hold it for reading while they touch mapped memory; remaps and publishing a
    // commit take it for writing, briefly.
    private readonly ReaderWriterLockSlim _mapLock = new();
    private readonly Lock _slotsBuild = new();
    private Segment _segment;
    private volatile StoreState _state;
    private volatile SlotMap? _slots;
    private Exception? _inDoubt;
    private int _disposed;

    private VectorStore(string directory, VectorStoreOptions options, Segment segment, StoreState state, WriterLock? writerLock)
    {
        _directory = directory;
        _manifestPath = Path.Combine(directory, StoreFileNames.Manifest);
        _options = options;
        _files = options.FileSystem;
        _segment = segment;
        _state = state;
        _writerLock = writerLock;
    }

    /// <summary>The store folder.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public int Dimension => _state.Manifest.Dimension;

    /// <summary>The model the vectors were made with; a different model's vectors do not belong here.</summary>
    public string ModelId => _state.Manifest.ModelId;

    /// <summary>Live vectors as of the last commit this instance has seen (a reader: see <see cref="Refresh"/>).</summary>
    public long Count => _state.LiveCount;

    /// <summary>Slots in the files, deleted ones included: what a compaction would reclaim is <c>SlotCount - Count</c>.</summary>
    public long SlotCount => _state.Manifest.SlotCount;

    /// <summary>Incremented by every commit: how a reader knows the store changed.</summary>
    public long Generation => _state.Manifest.Generation;

    /// <summary>Whether this instance only reads (opened with <see cref="OpenReadOnly"/>).</summary>
    public bool IsReadOnly => _writerLock is null;

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<long> ids, ReadOnlyMemory<float> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (vectors.Length != ids.Count * Dimension)
        {
            throw new ArgumentException($"{ids.Count} ids need {ids.Count * Dimension} floats ({Dimension} each), not {vectors.Length}", nameof(vectors));
        }

        foreach (var id in ids)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(ids));
        }

        if (ids.Count == 0)
        {
            return;
        }

        await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            var slots = LockedSlots();
            var first = state.Manifest.SlotCount;
            var batch = new SlotBatch(ids.Count, Dimension);
            var replaced = new List<long>();
            var added = new Dictionary<long, long>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                batch.Add(ids[i], vectors.Span.Slice(i * Dimension, Dimension));
                // The id's previous slot, committed or earlier in this batch, becomes a tombstone.
                if (added.TryGetValue(ids[i], out var earlier) || slots.TryGetSlot(ids[i], state, out earlier))
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
            Commit(manifest, _segment);
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
        await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            var map = LockedSlots();
            var slots = new List<long>();
            foreach (var id in ids.Distinct())
            {
                if (map.TryGetSlot(id, state, out var slot))
                {
                    slots.Add(slot);
                }
            }

            if (slots.Count == 0)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(state.Manifest with { Generation = state.Manifest.Generation + 1, Deleted = MergeSorted(state.Manifest.Deleted, slots) }, _segment);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Rewrites the live vectors into a new segment without the deleted slots, then switches to it in one
    /// manifest commit and removes the old files. A crash at any point leaves the old or the new store whole.
    /// Searches go on meanwhile on the old segment; readers in other processes follow at their next search.
    /// </summary>
    public Task CompactAsync(CancellationToken cancellationToken = default) => CompactWhenAsync(static (_, _) => true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Compacts when the deleted slots are more than <see cref="VectorStoreOptions.CompactAbove"/> of all slots.</remarks>
    public Task<bool> ReclaimAsync(CancellationToken cancellationToken = default) =>
        CompactWhenAsync(static (state, share) => state.Manifest.Deleted.Count > 0 && state.Manifest.Deleted.Count > share * state.Manifest.SlotCount, cancellationToken);

    /// <summary>Compacts when <paramref name="worthIt"/> says so of the state and <see cref="VectorStoreOptions.CompactAbove"/>, decided under the write lock.</summary>
    private async Task<bool> CompactWhenAsync(Func<StoreState, double, bool> worthIt, CancellationToken cancellationToken)
    {
        await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            if (!worthIt(state, _options.CompactAbove))
            {
                return false;
            }

            await CompactLockedAsync(state, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task CompactLockedAsync(StoreState state, CancellationToken cancellationToken)
    {
        var old = _segment;
        var number = old.Number + 1;
        Segment.DeleteFiles(_files, _directory, number);
        var target = Segment.Open(_files, _directory, number, Dimension, 0, ColumnAccess.Create);
        try
        {
            target.EnsureCapacity(Math.Max(state.LiveCount, 1));
            var chunks = await CopyLiveSlotsAsync(state, old, target, cancellationToken).ConfigureAwait(false);
            target.Flush();
            // The new files' names must be on disk before a manifest that names them can be.
            _files.FlushDirectory(_directory);
            cancellationToken.ThrowIfCancellationRequested();
            Commit(state.Manifest with
            {
                Generation = state.Manifest.Generation + 1,
                Segment = number,
                SlotCount = state.LiveCount,
                Chunks = chunks,
                Deleted = [],
            }, target);
        }
        catch when (!ReferenceEquals(_segment, target))
        {
            // Not committed: the old segment is still the store; the new one never existed.
            target.Dispose();
            DeleteQuietly(number);
            throw;
        }
        finally
        {
            if (ReferenceEquals(_segment, target))
            {
                // Committed, even if flushing the folder failed after the rename: the old files are garbage. No
                // search still scans them: publishing the commit waited for every one inside the maps.
                old.Dispose();
                DeleteQuietly(old.Number);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // An in-flight write finishes first; searches still inside the map finish before it is unmapped,
        // and any that start later see the flag and throw ObjectDisposedException.
        _writeLock.Wait();
        _mapLock.EnterWriteLock();
        try
        {
            _segment.Dispose();
        }
        finally
        {
            _mapLock.ExitWriteLock();
        }

        _writerLock?.Dispose();
        // Writers queued behind the disposal wake up, see the flag and throw.
        _writeLock.Release();
    }

    private async Task BeginWriteAsync(CancellationToken cancellationToken)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"the vector store in '{_directory}' is open read-only");
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_disposed != 0)
        {
            _writeLock.Release();
            throw new ObjectDisposedException(nameof(VectorStore));
        }

        if (_inDoubt is { } fault)
        {
            _writeLock.Release();
            throw new StoreFaultException(_directory, "could not tell whether its last commit reached the disk; reopen it", fault);
        }
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

    /// <summary>
    /// The commit point: the new manifest is written beside the old, flushed, and renamed over it. Until the
    /// rename a failure changes nothing. From the rename on, the new manifest is what the disk says, so the
    /// in-memory state follows it at once, before the folder is flushed; a failure of that flush still
    /// throws (the commit may not survive a power cut) but is no rollback.
    /// </summary>
    private void Commit(StoreManifest manifest, Segment segment)
    {
        var temporary = Path.Combine(_directory, StoreFileNames.ManifestTemporary);
        try
        {
            _files.WriteDurably(temporary, manifest.Serialize());
            _files.Replace(temporary, _manifestPath);
        }
        catch (Exception failure)
        {
            if (!ReachedDisk(manifest, failure))
            {
                TryDelete(temporary);
                throw;
            }

            Publish(manifest, segment);
            throw;
        }

        Publish(manifest, segment);
        _files.FlushDirectory(_directory);
    }

    /// <summary>After a failed write or rename: whether the manifest on disk is the new one. When that cannot be told, writes stop until the store is reopened.</summary>
    private bool ReachedDisk(StoreManifest manifest, Exception failure)
    {
        try
        {
            var onDisk = StoreManifest.Parse(_files.ReadAllBytes(_manifestPath), _manifestPath);
            return onDisk.Generation == manifest.Generation;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptStoreException)
        {
            _inDoubt = failure;
            return false;
        }
    }

    /// <summary>Makes <paramref name="manifest"/> (over <paramref name="segment"/>) what searches and lookups see, in one step.</summary>
    private void Publish(StoreManifest manifest, Segment segment)
    {
        var next = StoreState.From(manifest);
        WithMapWriteLock(() =>
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var previous = _state;
            if (ReferenceEquals(segment, _segment))
            {
                _slots?.Advance(segment, previous, next);
            }
            else
            {
                _segment = segment;
                _slots = null;
            }

            _state = next;
        });
    }

    /// <summary>The id-to-slot map, built on first need (opening stays a map-only operation). The caller holds the map lock or the write lock.</summary>
    private SlotMap Slots()
    {
        if (_slots is { } slots)
        {
            return slots;
        }

        lock (_slotsBuild)
        {
            return _slots ??= SlotMap.Build(_segment, _state);
        }
    }

    /// <summary><see cref="Slots"/> for a writer, which does not hold the map lock.</summary>
    private SlotMap LockedSlots()
    {
        _mapLock.EnterReadLock();
        try
        {
            return Slots();
        }
        finally
        {
            _mapLock.ExitReadLock();
        }
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

    private void TryDelete(string path)
    {
        try
        {
            _files.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary manifest is removed by the next writer's open.
        }
    }

    private void DeleteQuietly(long segment)
    {
        try
        {
            Segment.DeleteFiles(_files, _directory, segment);
        }
        catch (IOException)
        {
            // Files of a segment the manifest does not name are removed by the next writer's open.
        }
    }

    /// <summary>
    /// <paramref name="existing"/> (ascending) with <paramref name="added"/> merged in, duplicates dropped: one linear
    /// pass, as every delete commit runs it over the whole deleted list (a million slots in a library that churns).
    /// </summary>
    private static long[] MergeSorted(IReadOnlyList<long> existing, List<long> added)
    {
        if (added.Count == 0)
        {
            return existing as long[] ?? [.. existing];
        }

        added.Sort();
        var merged = new long[existing.Count + added.Count];
        int i = 0, j = 0, n = 0;
        while (i < existing.Count || j < added.Count)
        {
            var next = j == added.Count || (i < existing.Count && existing[i] <= added[j]) ? existing[i++] : added[j++];
            if (n == 0 || merged[n - 1] != next)
            {
                merged[n++] = next;
            }
        }

        return n == merged.Length ? merged : merged[..n];
    }
}
