using System.Diagnostics.Tracing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// The local store's limits beyond the <see cref="IVectorIndex"/> contract (see <c>Contracts/</c>) that a server
/// relies on: k capped on the synchronous API, ids checked, a thread budget per search.
/// </summary>
public sealed class VectorStoreLimitsTests : IDisposable
{
    private const int Dimension = 512;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

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
