using System.Numerics.Tensors;
using Retrieval.Ids;
using Retrieval.Tests.Vectors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Contracts;

/// <summary>
/// What every <see cref="IVectorIndex"/> must do, through the interface only: the local store runs it
/// (<see cref="LocalVectorIndexContractTests"/>), and a provider over a remote engine (Qdrant, OpenSearch)
/// inherits it unchanged, implementing <see cref="Create"/>.
/// </summary>
public abstract class VectorIndexContract : IDisposable
{
    /// <summary>The dimension the contract's vectors have.</summary>
    protected const int Dimension = 64;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>A new, empty index of <see cref="Dimension"/>-wide vectors, released by <see cref="Dispose()"/>.</summary>
    protected abstract IVectorIndex Create();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what <see cref="Create"/> made.</summary>
    protected abstract void Dispose(bool disposing);

    [Fact]
    public async Task UpsertSearchScoreGetCountDelete()
    {
        var index = Create();
        Assert.Equal(Dimension, index.Dimension);
        var ids = Enumerable.Range(100, 2000).Select(i => (long)i).ToArray();
        var vectors = StoreFixture.RandomVectors(ids.Length, Dimension, 1);
        var live = StoreFixture.Rows(ids, vectors, Dimension);
        await index.UpsertAsync(ids, vectors, _ct);
        Assert.Equal(2000, await index.CountAsync(_ct));

        var queries = StoreFixture.RandomVectors(6, Dimension, 2);
        var batch = await index.SearchBatchAsync(queries, 10, VectorSearchOptions.Exact, _ct);
        Assert.Equal(6, batch.Count);
        for (var q = 0; q < 6; q++)
        {
            var query = queries.AsMemory(q * Dimension, Dimension);
            Assert.Equal(StoreFixture.BruteForce(query.Span, live, 10), batch[q].Select(h => h.Id));
            Assert.Equal(batch[q], await index.SearchAsync(query, 10, VectorSearchOptions.Exact, _ct));
        }

        // Scores of chosen ids (keyword hits in hybrid search): the exact cosines, best first, unknown ids left out.
        var chosen = new long[] { 150, 1999, 777, -5, 999_999 };
        var scores = await index.ScoreAsync(queries.AsMemory(0, Dimension), chosen, _ct);
        Assert.Equal([150L, 777L, 1999L], scores.Select(h => h.Id).Order());
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        foreach (var hit in scores)
        {
            Assert.Equal(TensorPrimitives.Dot(queries.AsSpan(0, Dimension), live[hit.Id]), hit.Score, 4);
        }

        Assert.Equal(live[321], (await index.GetVectorAsync(321, _ct))!, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Null(await index.GetVectorAsync(5, _ct));

        await index.DeleteAsync([321, 322, 5], _ct);
        Assert.Null(await index.GetVectorAsync(321, _ct));
        Assert.Equal(1998, await index.CountAsync(_ct));
        Assert.DoesNotContain(321L, (await index.SearchAsync(vectors.AsMemory((321 - 100) * Dimension, Dimension), 5, cancellationToken: _ct)).Select(h => h.Id));
    }

    [Fact]
    public async Task UpsertOfAnExistingId_ReplacesItsVector()
    {
        var index = Create();
        var first = StoreFixture.RandomVectors(1, Dimension, 3);
        var second = StoreFixture.RandomVectors(1, Dimension, 4);
        await index.UpsertAsync([7], first, _ct);
        await index.UpsertAsync([7], second, _ct);
        Assert.Equal(1, await index.CountAsync(_ct));
        var hit = Assert.Single(await index.SearchAsync(second, 5, cancellationToken: _ct));
        Assert.Equal((7L, 1f), (hit.Id, hit.Score), (a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-3);
    }

    [Fact]
    public async Task Filter_AllowsAndExcludesIds_InsideTheSearch()
    {
        var index = Create();
        var ids = Enumerable.Range(0, 500).Select(i => (long)i).ToArray();
        var vectors = StoreFixture.RandomVectors(ids.Length, Dimension, 5);
        var live = StoreFixture.Rows(ids, vectors, Dimension);
        await index.UpsertAsync(ids, vectors, _ct);
        var query = StoreFixture.RandomVectors(1, Dimension, 6);
        var allowed = ids.Where(id => id % 7 == 0).ToHashSet();

        // k far above what the filter allows: every allowed id comes back, nothing else.
        var only = await index.SearchAsync(query, 200, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = IdFilter.Allow(allowed) }, _ct);
        Assert.Equal(StoreFixture.BruteForce(query, live, 200, allowed.Contains), only.Select(h => h.Id));

        var best = (await index.SearchAsync(query, 3, VectorSearchOptions.Exact, _ct)).Select(h => h.Id).ToList();
        var without = await index.SearchAsync(query, 10, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = IdFilter.Exclude(best) }, _ct);
        Assert.Equal(StoreFixture.BruteForce(query, live, 10, id => !best.Contains(id)), without.Select(h => h.Id));

        var both = IdFilter.Allow(allowed).Excluding([0, 7]);
        Assert.Equal(StoreFixture.BruteForce(query, live, 10, id => allowed.Contains(id) && id is not 0 and not 7),
            (await index.SearchAsync(query, 10, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = both }, _ct)).Select(h => h.Id));
        Assert.Empty(await index.SearchAsync(query, 10, new VectorSearchOptions { Filter = IdFilter.Allow([]) }, _ct));
    }

    [Fact]
    public async Task KUpToTheCap_IsServed_AndBadArgumentsFailInTheTask()
    {
        var index = Create();
        var query = StoreFixture.RandomVectors(1, Dimension, 7);
        await index.UpsertAsync([1, 2, 3], StoreFixture.RandomVectors(3, Dimension, 8), _ct);
        Assert.Equal(3, (await index.SearchAsync(query, IVectorIndex.MaxK, cancellationToken: _ct)).Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.SearchAsync(query, IVectorIndex.MaxK + 1, cancellationToken: _ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.SearchBatchAsync(new float[Dimension + 1], 3, cancellationToken: _ct));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.SearchAsync(query, 3, cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.UpsertAsync([4], query, cancelled.Token));
        Assert.Equal(3, await index.CountAsync(_ct));
    }

    [Fact]
    public async Task Reclaim_KeepsIdsVectorsAndAnswers_WhileSearchesGoOn()
    {
        var index = Create();
        var ids = Enumerable.Range(0, 6000).Select(i => (long)i).ToArray();
        var vectors = StoreFixture.RandomVectors(ids.Length, Dimension, 11);
        var live = StoreFixture.Rows(ids, vectors, Dimension);
        await index.UpsertAsync(ids, vectors, _ct);
        // Half removed and a tenth replaced: past any engine's threshold.
        var removed = ids.Where(id => id % 2 == 0).ToArray();
        await index.DeleteAsync(removed, _ct);
        var replaced = ids.Where(id => id % 10 == 1).ToArray();
        var replacements = StoreFixture.RandomVectors(replaced.Length, Dimension, 12);
        await index.UpsertAsync(replaced, replacements, _ct);
        foreach (var id in removed)
        {
            live.Remove(id);
        }

        foreach (var (id, vector) in StoreFixture.Rows(replaced, replacements, Dimension))
        {
            live[id] = vector;
        }

        var queries = StoreFixture.RandomVectors(8, Dimension, 13);
        var exact = await index.SearchBatchAsync(queries, 10, VectorSearchOptions.Exact, _ct);
        var fast = await index.SearchBatchAsync(queries, 10, cancellationToken: _ct);
        for (var q = 0; q < 8; q++)
        {
            Assert.Equal(StoreFixture.BruteForce(queries.AsSpan(q * Dimension, Dimension), live, 10), exact[q].Select(h => h.Id));
        }

        // Searches run back to back for as long as the reclaim does, and each one answers as before it.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var searches = Task.Run(async () =>
        {
            var count = 0;
            do
            {
                AssertSameAnswers(exact, await index.SearchBatchAsync(queries, 10, VectorSearchOptions.Exact, _ct));
                count++;
            }
            while (!done.IsCancellationRequested);
            return count;
        }, _ct);
        try
        {
            await index.ReclaimAsync(_ct);
        }
        finally
        {
            await done.CancelAsync();
        }

        Assert.True(await searches > 0);

        Assert.Equal(live.Count, await index.CountAsync(_ct));
        AssertSameAnswers(exact, await index.SearchBatchAsync(queries, 10, VectorSearchOptions.Exact, _ct));
        AssertSameAnswers(fast, await index.SearchBatchAsync(queries, 10, cancellationToken: _ct));
        foreach (var id in new long[] { 1, 3, 11, 5999 })
        {
            Assert.Equal(live[id], (await index.GetVectorAsync(id, _ct))!, (a, b) => Math.Abs(a - b) < 1e-6);
        }

        Assert.Null(await index.GetVectorAsync(2, _ct));
        Assert.Equal([1L, 3L], (await index.ScoreAsync(queries.AsMemory(0, Dimension), [1, 2, 3], _ct)).Select(h => h.Id).Order());
        // Nothing is left to give back.
        Assert.False(await index.ReclaimAsync(_ct));
    }

    private static void AssertSameAnswers(IReadOnlyList<IReadOnlyList<SearchHit>> expected, IReadOnlyList<IReadOnlyList<SearchHit>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var q = 0; q < expected.Count; q++)
        {
            Assert.Equal(expected[q], actual[q]);
        }
    }
}
