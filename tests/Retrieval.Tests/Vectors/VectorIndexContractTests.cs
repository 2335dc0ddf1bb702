using System.Diagnostics.Tracing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// <see cref="IVectorIndex"/> as the engine uses it, through the interface only (what a remote engine would
/// have to satisfy), and the limits a server relies on: k capped, ids checked, a thread budget per search.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The point is to call through the interface.")]
public sealed class VectorIndexContractTests : IDisposable
{
    private const int Dimension = 512;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Interface_UpsertSearchScoreGetCountDelete()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m");
        var index = Contract(store);
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
            var expected = System.Numerics.Tensors.TensorPrimitives.Dot(queries.AsSpan(0, Dimension), live[hit.Id]);
            Assert.Equal(expected, hit.Score, 4);
        }

        Assert.Equal(live[321], (await index.GetVectorAsync(321, _ct))!, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Null(await index.GetVectorAsync(5, _ct));

        await index.DeleteAsync([321, 322], _ct);
        Assert.Null(await index.GetVectorAsync(321, _ct));
        Assert.Equal(1998, await index.CountAsync(_ct));
    }

    [Fact]
    public async Task Interface_ReportsErrorsAndCancellationInTheTask()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m");
        var index = Contract(store);
        var query = new float[Dimension];
        query[0] = 1;
        var search = index.SearchAsync(query, VectorStore.MaxK + 1, cancellationToken: _ct);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => search);
        await Assert.ThrowsAsync<ArgumentException>(() => index.SearchBatchAsync(new float[Dimension + 1], 3, cancellationToken: _ct));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.SearchAsync(query, 3, cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.UpsertAsync([1], query, cancelled.Token));
    }

    [Fact]
    public async Task KAboveTheCap_AndNegativeIds_AreArgumentErrors()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m");
        var query = StoreFixture.RandomVectors(1, Dimension, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Search(query, VectorStore.MaxK + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Search(query, 0));
        Assert.Empty(store.Search(query, VectorStore.MaxK));
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpsertAsync([3, -1], StoreFixture.RandomVectors(2, Dimension, 4), _ct));
        Assert.Equal("ids", error.ParamName);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task ThreadBudget_OneThreadScansWithoutAParallelLoop()
    {
        var ids = Enumerable.Range(0, 100_000).Select(i => (long)i).ToArray();
        using var store = VectorStore.Create(_fixture.Folder, 64, "m", new VectorStoreOptions { SearchThreads = 4 });
        await store.UpsertAsync(ids, StoreFixture.RandomVectors(ids.Length, 64, 5), _ct);
        var query = StoreFixture.RandomVectors(1, 64, 6);
        using var loops = new ParallelLoopCounter();
        var budgeted = store.Search(query, 10, new VectorSearchOptions { MaxThreads = 1 });
        var onOne = loops.Count;
        var wide = store.Search(query, 10);
        Assert.Equal(0, onOne);
        Assert.Equal(1, loops.Count);
        Assert.Equal(wide, budgeted);
    }

    // Only what the interface offers: what a remote engine standing in for the store must satisfy.
    private static IVectorIndex Contract(VectorStore store) => store;

    /// <summary>Counts parallel loops this thread starts (ParallelLoopBegin is written by the thread that starts the loop).</summary>
    private sealed class ParallelLoopCounter : EventListener
    {
        private readonly int _thread = Environment.CurrentManagedThreadId;
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Threading.Tasks.Parallel.EventSource")
            {
                EnableEvents(eventSource, EventLevel.Informational, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "ParallelLoopBegin" && Environment.CurrentManagedThreadId == _thread)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
