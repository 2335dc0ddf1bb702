using Retrieval.Errors;

namespace Retrieval.Vectors;

/// <summary>Creating and opening stores: everything is parsed and checked before any state is built.</summary>
public sealed partial class VectorStore
{
    /// <summary>Creates an empty store in <paramref name="directory"/> (created if missing; must not hold a store).</summary>
    public static VectorStore Create(string directory, int dimension, string modelId, VectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(modelId);
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        if (File.Exists(Path.Combine(full, StoreFileNames.Manifest)))
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
        Segment.DeleteFiles(full, manifest.Segment);
        var segment = Segment.Open(full, manifest.Segment, dimension, 0, create: true);
        var store = new VectorStore(full, options ?? new VectorStoreOptions(), segment, StoreState.From(manifest));
        store.Commit(manifest);
        return store;
    }

    /// <summary>
    /// Opens the store in <paramref name="directory"/>: reads and checks the manifest, removes what an
    /// interrupted commit or compaction left behind, and maps the files. No vector is read unless
    /// <see cref="VectorStoreOptions.VerifyOnOpen"/> is set.
    /// </summary>
    /// <exception cref="CorruptStoreException">The manifest or a column file is missing, truncated or damaged.</exception>
    public static VectorStore Open(string directory, VectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, StoreFileNames.Manifest);
        if (!File.Exists(path))
        {
            throw new CorruptStoreException(path, System.IO.Directory.Exists(full) ? "no vector store manifest in the folder" : "the folder does not exist");
        }

        var manifest = StoreManifest.Parse(File.ReadAllBytes(path), path);
        CheckChunks(manifest, path);
        RemoveLeftovers(full, manifest.Segment);
        var segment = Segment.Open(full, manifest.Segment, manifest.Dimension, manifest.SlotCount, create: false);
        var store = new VectorStore(full, options ?? new VectorStoreOptions(), segment, StoreState.From(manifest));
        if (store._options.VerifyOnOpen)
        {
            try
            {
                store.Verify();
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        return store;
    }

    /// <summary>Opens the store, or creates it when the folder holds none.</summary>
    public static VectorStore OpenOrCreate(string directory, int dimension, string modelId, VectorStoreOptions? options = null)
    {
        var store = File.Exists(Path.Combine(Path.GetFullPath(directory), StoreFileNames.Manifest))
            ? Open(directory, options)
            : Create(directory, dimension, modelId, options);
        if (store.Dimension != dimension || store.ModelId != modelId)
        {
            store.Dispose();
            throw new RetrievalException(
                $"The vector store in '{directory}' holds {store.Dimension}-dimensional vectors of model '{store.ModelId}', not {dimension} of '{modelId}'");
        }

        return store;
    }

    /// <summary>Recomputes every checksum of the committed data.</summary>
    /// <exception cref="CorruptStoreException">A column file's bytes differ from what was committed; the message names the file and slots.</exception>
    public void Verify()
    {
        _mapLock.EnterReadLock();
        try
        {
            foreach (var chunk in _state.Manifest.Chunks)
            {
                var actual = _segment.Hash(chunk.Start, chunk.Count);
                for (var column = 0; column < StoreFileNames.ColumnExtensions.Length; column++)
                {
                    if (actual.Hash(column) != chunk.Hash(column))
                    {
                        throw new CorruptStoreException(_segment.ColumnPath(column),
                            $"slots {chunk.Start} to {chunk.Start + chunk.Count - 1} do not match their checksum");
                    }
                }
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
    private static void RemoveLeftovers(string directory, long segment)
    {
        File.Delete(Path.Combine(directory, StoreFileNames.ManifestTemporary));
        foreach (var file in System.IO.Directory.EnumerateFiles(directory))
        {
            if (StoreFileNames.TryParseSegment(Path.GetFileName(file), out var number) && number != segment)
            {
                File.Delete(file);
            }
        }
    }
}
