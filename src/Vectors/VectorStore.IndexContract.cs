namespace Retrieval.Vectors;

/// <summary>
/// <see cref="IVectorIndex"/>: the asynchronous face a remote engine would also have. The local store does
/// the work synchronously underneath (a memory scan has nothing to wait for) and hands back completed tasks;
/// errors come back in the task, as they would from a remote call.
/// </summary>
public sealed partial class VectorStore
{
    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Completed(() =>
    {
        Refresh();
        return Count;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorSearchOptions? options = null, CancellationToken cancellationToken = default) =>
        Completed(() => SearchBatch(query.Span, 1, k, options, cancellationToken)[0], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<SearchHit>>> SearchBatchAsync(ReadOnlyMemory<float> queries, int k, VectorSearchOptions? options = null, CancellationToken cancellationToken = default) =>
        Completed<IReadOnlyList<IReadOnlyList<SearchHit>>>(() =>
        {
            if (queries.Length == 0 || queries.Length % Dimension != 0)
            {
                throw new ArgumentException($"queries must be a whole number of {Dimension}-float rows, not {queries.Length} floats", nameof(queries));
            }

            return SearchBatch(queries.Span, queries.Length / Dimension, k, options, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> ScoreAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        Completed(() => Score(query.Span, ids), cancellationToken);

    /// <inheritdoc />
    public Task<float[]?> GetVectorAsync(long id, CancellationToken cancellationToken = default) => Completed(() =>
    {
        var vector = new float[Dimension];
        return TryGetVector(id, vector) ? vector : null;
    }, cancellationToken);

    private static Task<T> Completed<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
