namespace Retrieval.Vectors;

/// <summary>
/// What the engine needs from a vector index. Small, asynchronous and batch-friendly on purpose, so a remote
/// engine (Qdrant, OpenSearch) can stand in for <see cref="VectorStore"/> when a collection outgrows one
/// machine. Vectors are compared by cosine; ids are the caller's, non-negative.
/// </summary>
public interface IVectorIndex
{
    /// <summary>The most results one search may ask for; every engine must serve at least this many.</summary>
    const int MaxK = 10_000;

    /// <summary>The dimension of every vector.</summary>
    int Dimension { get; }

    /// <summary>How many live vectors the index holds.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds vectors (one per id, row-major); an id already present is replaced. Durable when the task completes.</summary>
    Task UpsertAsync(IReadOnlyList<long> ids, ReadOnlyMemory<float> vectors, CancellationToken cancellationToken = default);

    /// <summary>Removes the vectors of <paramref name="ids"/>; unknown ids are ignored. Durable when the task completes.</summary>
    Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="k"/> vectors most similar to <paramref name="query"/>, best first, among those <see cref="VectorSearchOptions.Filter"/> allows.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorSearchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The top <paramref name="k"/> of each query (row-major in <paramref name="queries"/>), in one pass where the engine can.</summary>
    Task<IReadOnlyList<IReadOnlyList<SearchHit>>> SearchBatchAsync(ReadOnlyMemory<float> queries, int k, VectorSearchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The similarity of <paramref name="query"/> to each of <paramref name="ids"/> that is present, best first: the vector side of hybrid fusion.</summary>
    Task<IReadOnlyList<SearchHit>> ScoreAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back the room of deleted and replaced vectors once they pass the engine's own threshold (the local store:
    /// <see cref="VectorStoreOptions.CompactAbove"/> of its slots), so an index that keeps changing does not grow without
    /// bound; true when it compacted. Ids, vectors, the count and every search answer are the same after as before.
    /// Searches and lookups go on meanwhile, in this process and in readers: one under way finishes on the data it
    /// began with, later ones see the compacted index. Crash-safe and durable like every write: a kill at any moment
    /// leaves the index as it was or compacted. An engine that reclaims room by itself may do nothing and return false.
    /// </summary>
    Task<bool> ReclaimAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored (unit-length) vector of <paramref name="id"/>, or null when absent.</summary>
    Task<float[]?> GetVectorAsync(long id, CancellationToken cancellationToken = default);
}
