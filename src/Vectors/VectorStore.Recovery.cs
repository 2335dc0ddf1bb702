using Retrieval.Errors;
using Retrieval.Storage;
using Retrieval.Vectors.Files;

namespace Retrieval.Vectors;

/// <summary>Creating and opening stores: everything is parsed and checked before any state is built.</summary>
public sealed partial class VectorStore
{
    /// <summary>Creates an empty store in <paramref name="directory"/> (created if missing; must not hold a store) and takes its writer lock.</summary>
    /// <exception cref="StoreLockedException">Another process has the folder open for writing.</exception>
    public static VectorStore Create(string directory, int dimension, string modelId, VectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(modelId);
        options ??= new VectorStoreOptions();
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var writerLock = WriterLock.Acquire(Path.Combine(full, StoreFileNames.WriterLock));
        Segment? segment = null;
        try
        {
            if (options.FileSystem.Exists(Path.Combine(full, StoreFileNames.Manifest)))
            {
                throw new IOException($"'{full}' already holds a vector store");
            }

            var manifest = new StoreManifest
            {
                Dimension = dimension,
                ModelId = modelId,
                Generation = 0,
                Segment = 1,
                SlotCount = 0,
                Chunks = [],
                Deleted = [],
            };
            // Whatever a deletion or an earlier store cut short left in the folder goes: no manifest names it.
            RemoveLeftovers(options.FileSystem, full, segment: 0);
            segment = Segment.Open(options.FileSystem, full, manifest.Segment, dimension, 0, ColumnAccess.Create);
            var store = new VectorStore(full, options, segment, StoreState.From(manifest), writerLock);
            store.Commit(manifest, segment);
            return store;
        }
        catch
        {
            segment?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the store in <paramref name="directory"/> for writing: takes the writer lock, reads and checks
    /// the manifest, removes what an interrupted commit or compaction left behind, maps the files, and (unless
    /// <see cref="VectorStoreOptions.VerifyOnOpen"/> is turned off) checks every committed byte against its checksum.
    /// </summary>
    /// <exception cref="CorruptStoreException">The manifest or a column file is missing, truncated or damaged.</exception>
    /// <exception cref="StoreLockedException">Another process has the folder open for writing.</exception>
    public static VectorStore Open(string directory, VectorStoreOptions? options = null) => Open(directory, options, readOnly: false);

    /// <summary>
    /// Opens the store in <paramref name="directory"/> to read it while a writer (any process) may change it:
    /// no lock, no write access needed, no file created, grown or removed. Each search sees the writer's
    /// commits so far.
    /// </summary>
    /// <exception cref="CorruptStoreException">The manifest or a column file is missing, truncated or damaged.</exception>
    public static VectorStore OpenReadOnly(string directory, VectorStoreOptions? options = null) => Open(directory, options, readOnly: true);

    /// <summary>Opens the store for writing, or creates it when the folder holds none.</summary>
    public static VectorStore OpenOrCreate(string directory, int dimension, string modelId, VectorStoreOptions? options = null)
    {
        options ??= new VectorStoreOptions();
        var store = options.FileSystem.Exists(Path.Combine(Path.GetFullPath(directory), StoreFileNames.Manifest))
            ? Open(directory, options)
            : Create(directory, dimension, modelId, options);
        if (store.Dimension != dimension || store.ModelId != modelId)
        {
            store.Dispose();
            throw new ModelMismatchException(Path.GetFullPath(directory), $"{store.ModelId}, {store.Dimension} dimensions", $"{modelId}, {dimension} dimensions",
                "open it with the model it was built with, or delete the collection to embed again");
        }

        return store;
    }

    private static VectorStore Open(string directory, VectorStoreOptions? options, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new VectorStoreOptions();
        var files = options.FileSystem;
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, StoreFileNames.Manifest);
        if (!files.Exists(path))
        {
            throw new CorruptStoreException(path, System.IO.Directory.Exists(full) ? "no vector store manifest in the folder" : "the folder does not exist");
        }

        var writerLock = readOnly ? null : WriterLock.Acquire(Path.Combine(full, StoreFileNames.WriterLock));
        VectorStore? store = null;
        try
        {
            store = readOnly ? OpenReader(full, path, options) : OpenWriter(full, path, options, writerLock!);
            if (options.VerifyOnOpen)
            {
                store.VerifyChunks(rememberVerified: true);
            }

            return store;
        }
        catch
        {
            if (store is null)
            {
                writerLock?.Dispose();
            }
            else
            {
                store.Dispose();
            }

            throw;
        }
    }

    private static VectorStore OpenWriter(string full, string path, VectorStoreOptions options, WriterLock writerLock)
    {
        var manifest = StoreManifest.Parse(options.FileSystem.ReadAllBytes(path), path);
        CheckChunks(manifest, path);
        RemoveLeftovers(options.FileSystem, full, manifest.Segment);
        var segment = Segment.Open(options.FileSystem, full, manifest.Segment, manifest.Dimension, manifest.SlotCount, ColumnAccess.Write);
        return new VectorStore(full, options, segment, StoreState.From(manifest), writerLock);
    }

    /// <summary>A reader retries while a compaction replaces the segment between its reading the manifest and opening the files.</summary>
    private static VectorStore OpenReader(string full, string path, VectorStoreOptions options) => RetriedWhileSegmentsMove(() =>
    {
        var manifest = StoreManifest.Parse(options.FileSystem.ReadAllBytes(path), path);
        CheckChunks(manifest, path);
        var segment = Segment.Open(options.FileSystem, full, manifest.Segment, manifest.Dimension, manifest.SlotCount, ColumnAccess.Read);
        return new VectorStore(full, options, segment, StoreState.From(manifest), writerLock: null);
    });

    /// <summary>How many chunk columns the last verification hashed (an open skips those this process verified before in unchanged files).</summary>
    internal int HashedOnVerify { get; private set; }

    /// <summary>
    /// Recomputes every checksum of the committed data: each chunk's column hashed on its own, spread over the cores and
    /// the largest first, so a store of a million 512-dimension vectors (2.5 GB) is checked in well under a second.
    /// </summary>
    /// <exception cref="CorruptStoreException">A column file's bytes differ from what was committed; the message names the file and slots.</exception>
    public void Verify() => VerifyChunks(rememberVerified: false);

    /// <summary><see cref="Verify()"/>; on open, skipping the chunks this process verified before in files unchanged since.</summary>
    private void VerifyChunks(bool rememberVerified)
    {
        Refresh();
        _mapLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            // Taken before hashing: a write after this point gives the file another state, never this one.
            var files = Enumerable.Range(0, StoreFileNames.ColumnExtensions.Length).Select(column => VerifiedChunks.FileState(_segment.ColumnPath(column))).ToArray();
            var runs = _state.Manifest.Chunks
                .SelectMany(chunk => Enumerable.Range(0, files.Length).Select(column => (Chunk: chunk, Column: column)))
                .Where(run => !rememberVerified || !VerifiedChunks.Contains(files[run.Column], run.Chunk, run.Column))
                .OrderByDescending(run => run.Chunk.Count * _segment.SlotBytes(run.Column))
                .ToList();
            HashedOnVerify = runs.Count;
            var damaged = new System.Collections.Concurrent.ConcurrentBag<(StoreChunk Chunk, int Column)>();
            // The read lock is this thread's; the workers only read the maps it keeps in place until they are done.
            Parallel.ForEach(runs, run =>
            {
                if (_segment.HashColumn(run.Column, run.Chunk.Start, run.Chunk.Count) != run.Chunk.Hash(run.Column))
                {
                    damaged.Add(run);
                }
                else
                {
                    VerifiedChunks.Add(files[run.Column], run.Chunk, run.Column);
                }
            });
            if (!damaged.IsEmpty)
            {
                var first = damaged.MinBy(run => (run.Chunk.Start, run.Column));
                throw new CorruptStoreException(_segment.ColumnPath(first.Column),
                    $"slots {first.Chunk.Start} to {first.Chunk.Start + first.Chunk.Count - 1} do not match their checksum");
            }
        }
        finally
        {
            _mapLock.ExitReadLock();
        }
    }

    private static void CheckChunks(StoreManifest manifest, string path)
    {
        long next = 0;
        foreach (var chunk in manifest.Chunks)
        {
            if (chunk.Start != next || chunk.Count <= 0)
            {
                throw new CorruptStoreException(path, $"the checksummed chunks do not tile the slots (chunk at {chunk.Start}, expected {next})");
            }

            next += chunk.Count;
        }

        if (next != manifest.SlotCount)
        {
            throw new CorruptStoreException(path, $"the checksummed chunks cover {next} slots, the manifest commits {manifest.SlotCount}");
        }
    }

    /// <summary>An interrupted commit leaves a temporary manifest; an interrupted or finished compaction, another segment's files.</summary>
    private static void RemoveLeftovers(IStoreFileSystem files, string directory, long segment)
    {
        files.Delete(Path.Combine(directory, StoreFileNames.ManifestTemporary));
        foreach (var file in files.EnumerateFiles(directory).ToList())
        {
            if (StoreFileNames.TryParseSegment(Path.GetFileName(file), out var number) && number != segment)
            {
                files.Delete(file);
            }
        }
    }
}
