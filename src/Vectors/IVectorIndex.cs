namespace Retrieval.Vectors;

/// <summary>
/// What the engine needs from a vector index: add or replace, delete, and top-k search by cosine. Small on
/// purpose, so a distributed engine (Qdrant, OpenSearch) can stand in for <see cref="VectorStore"/> when a
/// collection outgrows one machine.
/// </summary>
public interface IVectorIndex
{
    /// <summary>The dimension of every vector.</summary>
    int Dimension { get; }

    /// <summary>How many live vectors the index holds.</summary>
    long Count { get; }

    /// <summary>Adds vectors (one per id, row-major); an id already present is replaced. Durable when the task completes.</summary>
    Task UpsertAsync(IReadOnlyList<long> ids, ReadOnlyMemory<float> vectors, CancellationToken cancellationToken = default);

    /// <summary>Removes the vectors of <paramref name="ids"/>; unknown ids are ignored. Durable when the task completes.</summary>
    Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="k"/> vectors most similar to <paramref name="query"/>, best first, among those <paramref name="filter"/> allows.</summary>
    IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, IdFilter? filter = null);
}
