using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// Compaction as the indexer asks for it (<see cref="IVectorIndex.ReclaimAsync"/>): only once the dead slots pass
/// <see cref="VectorStoreOptions.CompactAbove"/>, the files shrink, and readers opened before it and after it answer
/// as the store did before. Kills in the middle of one: <see cref="VectorStoreRecoveryTests"/>.
/// </summary>
public sealed class VectorStoreCompactionTests : IDisposable
{
    private const int Dimension = 64;
    private const int Count = 10_000;
    private static readonly long[] Ids = [.. Enumerable.Range(0, Count).Select(i => (long)i)];
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Reclaim_CompactsOnlyPastTheShare_AndTheFilesShrink()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m", new VectorStoreOptions { CompactAbove = 0.25 });
        await store.UpsertAsync(Ids, StoreFixture.RandomVectors(Count, Dimension, 1), _ct);
        await store.DeleteAsync([.. Ids.Where(id => id % 5 == 0)], _ct);
        Assert.False(await store.ReclaimAsync(_ct)); // 2,000 dead of 10,000 slots
        Assert.Equal(Count, store.SlotCount);

        var replaced = Ids.Where(id => id % 10 == 1).ToArray();
        await store.UpsertAsync(replaced, StoreFixture.RandomVectors(replaced.Length, Dimension, 2), _ct);
        var bytes = FileBytes();
        Assert.True(await store.ReclaimAsync(_ct)); // 3,000 dead of 11,000
        Assert.Equal((8000L, 8000L), (store.Count, store.SlotCount));
        Assert.True(FileBytes() < bytes * 0.8, $"{FileBytes()} bytes after the compaction, {bytes} before");
        Assert.All(Directory.GetFiles(_fixture.Folder, "segment-*"), file => Assert.StartsWith("segment-000002.", Path.GetFileName(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadersOpenedBeforeAndAfter_AnswerAsBefore_DuringAndAfterIt()
    {
        using var writer = VectorStore.Create(_fixture.Folder, Dimension, "m");
        await writer.UpsertAsync(Ids, StoreFixture.RandomVectors(Count, Dimension, 3), _ct);
        await writer.DeleteAsync([.. Ids.Where(id => id % 2 == 0)], _ct);
        var queries = StoreFixture.RandomVectors(4, Dimension, 4).Chunk(Dimension).ToArray();
        using var before = VectorStore.OpenReadOnly(_fixture.Folder);
        var expected = queries.Select(q => before.Search(q, 10, VectorSearchOptions.Exact)).ToArray();

        using var done = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var reading = Task.Run(() =>
        {
            var rounds = 0;
            do
            {
                AssertAnswers(before);
                rounds++;
            }
            while (!done.IsCancellationRequested);
            return rounds;
        }, _ct);
        try
        {
            Assert.True(await writer.ReclaimAsync(_ct));
        }
        finally
        {
            await done.CancelAsync();
        }

        Assert.True(await reading > 0);
        // The old reader moved to the compacted files at its next search; a new one maps only them.
        AssertAnswers(before);
        Assert.Equal(writer.Count, before.SlotCount);
        using var after = VectorStore.OpenReadOnly(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true });
        Assert.Equal(writer.Count, after.SlotCount);
        AssertAnswers(after);

        void AssertAnswers(VectorStore reader)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                Assert.Equal(expected[q], reader.Search(queries[q], 10, VectorSearchOptions.Exact));
            }
        }
    }

    private long FileBytes() => Directory.GetFiles(_fixture.Folder).Sum(f => new FileInfo(f).Length);
}
