using Retrieval.Errors;
using Retrieval.Ids;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

public sealed class VectorStoreTests : IDisposable
{
    // 512, as real models: the wide kernel paths (64 int8 lanes, four-query batches) only run on full vectors.
    private const int Dimension = 512;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(1, 1, Dimension)]
    [InlineData(100, 10, Dimension)]
    [InlineData(5000, 10, 77)]
    [InlineData(40_000, 25, Dimension)]
    public async Task ExactSearch_EqualsBruteForce(int count, int k, int dimension)
    {
        var (store, live) = await FilledStoreAsync(count, seed: count, dimension);
        using (store)
        {
            foreach (var query in Queries(5, seed: count + 1, dimension))
            {
                var expected = StoreFixture.BruteForce(query, live, k);
                Assert.Equal(expected, store.Search(query, k, VectorSearchOptions.Exact).Select(h => h.Id));
            }
        }
    }

    [Fact]
    public async Task Int8RerankSearch_FindsNearlyAllExactNeighbours_WithExactScores()
    {
        var (store, live) = await FilledStoreAsync(20_000, seed: 7);
        using (store)
        {
            var recalls = new List<double>();
            foreach (var query in Queries(20, seed: 8))
            {
                var hits = store.Search(query, 10);
                recalls.Add(StoreFixture.Recall(StoreFixture.BruteForce(query, live, 10), hits));
                var exact = store.Search(query, 10, VectorSearchOptions.Exact).ToDictionary(h => h.Id, h => h.Score);
                foreach (var hit in hits.Where(h => exact.ContainsKey(h.Id)))
                {
                    Assert.Equal(exact[hit.Id], hit.Score, 5);
                }
            }

            Assert.True(recalls.Average() >= 0.97, $"recall@10 {recalls.Average():0.000}");
        }
    }

    [Fact]
    public async Task Deletes_AreNeverReturned_AndSurviveReopening()
    {
        var (store, live) = await FilledStoreAsync(3000, seed: 11);
        var deleted = live.Keys.Where(id => id % 3 == 0).ToList();
        using (store)
        {
            await store.DeleteAsync(deleted, _ct);
            await store.DeleteAsync([987_654_321L], _ct); // unknown ids are ignored
            Assert.Equal(3000 - deleted.Count, store.Count);
        }

        foreach (var id in deleted)
        {
            live.Remove(id);
        }

        using var reopened = VectorStore.Open(_fixture.Folder);
        Assert.Equal(3000 - deleted.Count, reopened.Count);
        foreach (var query in Queries(5, seed: 12))
        {
            Assert.Equal(StoreFixture.BruteForce(query, live, 20), reopened.Search(query, 20, VectorSearchOptions.Exact).Select(h => h.Id));
        }
    }

    [Fact]
    public async Task Upsert_OfAnExistingId_ReplacesItsVector()
    {
        var (store, live) = await FilledStoreAsync(500, seed: 13);
        using (store)
        {
            var id = live.Keys.Skip(42).First();
            var replacement = StoreFixture.RandomVectors(2, Dimension, 14);
            await store.UpsertAsync([id, id], replacement, _ct); // the last of duplicates wins
            var stored = new float[Dimension];
            Assert.True(store.TryGetVector(id, stored));
            Assert.Equal(replacement[Dimension..], stored, (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal(500, store.Count);
            var hits = store.Search(replacement.AsSpan(Dimension), 1, VectorSearchOptions.Exact);
            Assert.Equal(id, hits[0].Id);
            Assert.Equal(1f, hits[0].Score, 5);
            Assert.DoesNotContain(store.Search(live[id], 500, VectorSearchOptions.Exact), h => h.Id == id && h.Score > 0.9999f);
        }
    }

    [Fact]
    public async Task Filter_IsAppliedInsideTheScan()
    {
        var (store, live) = await FilledStoreAsync(10_000, seed: 15);
        using (store)
        {
            var allowed = live.Keys.Where(id => id % 7 == 1).ToHashSet();
            var filter = IdFilter.Allow(allowed);
            foreach (var query in Queries(5, seed: 16))
            {
                var expected = StoreFixture.BruteForce(query, live, 10, allowed.Contains);
                Assert.Equal(expected, store.Search(query, 10, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = filter }).Select(h => h.Id));
                Assert.All(store.Search(query, 10, new VectorSearchOptions { Filter = filter }), h => Assert.Contains(h.Id, allowed));
            }

            Assert.Empty(store.Search(Queries(1, 17)[0], 10, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = IdFilter.Allow([]) }));
            var far = IdFilter.Allow([live.Keys.First(), long.MaxValue - 1]); // sparse: held as a set, not a 2^57-byte bitmap
            Assert.Equal([live.Keys.First()], store.Search(Queries(1, 18)[0], 10, new VectorSearchOptions { Mode = ScanMode.ExactFloat32, Filter = far }).Select(h => h.Id));
        }
    }

    [Theory]
    [InlineData(Dimension)]
    [InlineData(77)] // odd: every kernel's tail path
    public async Task SearchBatch_EqualsSingleSearches(int dimension)
    {
        var (store, _) = await FilledStoreAsync(30_000, seed: 18, dimension);
        using (store)
        {
            // 9 queries: two groups of four through the batched kernels, and one through the single-query one.
            var queries = StoreFixture.RandomVectors(9, dimension, 19);
            foreach (var mode in (ScanMode[])[ScanMode.ExactFloat32, ScanMode.Int8Rerank])
            {
                var options = new VectorSearchOptions { Mode = mode };
                var batch = store.SearchBatch(queries, 9, 10, options);
                for (var q = 0; q < 9; q++)
                {
                    Assert.Equal(store.Search(queries.AsSpan(q * dimension, dimension), 10, options), batch[q]);
                }
            }
        }
    }

    [Fact]
    public async Task MultiThreadedScan_EqualsSingleThreaded()
    {
        var (store, _) = await FilledStoreAsync(50_000, seed: 20);
        store.Dispose();
        using var one = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { SearchThreads = 1 });
        var queries = Queries(3, seed: 21);
        var single = queries.Select(q => one.Search(q, 15, VectorSearchOptions.Exact)).ToList();
        one.Dispose();
        using var four = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { SearchThreads = 4 });
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(single[i], four.Search(queries[i], 15, VectorSearchOptions.Exact));
        }
    }

    [Fact]
    public async Task PersistenceRoundTrip_KeepsEverything()
    {
        var (store, live) = await FilledStoreAsync(2500, seed: 22);
        store.Dispose();
        using var reopened = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true });
        Assert.Equal(Dimension, reopened.Dimension);
        Assert.Equal("test-model", reopened.ModelId);
        Assert.Equal(2500, reopened.Count);
        var stored = new float[Dimension];
        foreach (var (id, vector) in live.Take(50))
        {
            Assert.True(reopened.TryGetVector(id, stored));
            Assert.Equal(vector, stored, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public async Task Compaction_ReclaimsDeletedSlots_AndKeepsResults()
    {
        var (store, live) = await FilledStoreAsync(6000, seed: 23);
        var deleted = live.Keys.Where(id => id % 2 == 0).ToList();
        using (store)
        {
            await store.DeleteAsync(deleted, _ct);
            deleted.ForEach(id => live.Remove(id));
            var queries = Queries(4, seed: 24);
            var before = queries.Select(q => store.Search(q, 10, VectorSearchOptions.Exact)).ToList();
            var bytesBefore = FolderBytes();
            await store.CompactAsync(_ct);
            Assert.Equal(store.Count, store.SlotCount);
            Assert.Equal(3000, store.Count);
            for (var i = 0; i < queries.Length; i++)
            {
                Assert.Equal(before[i], store.Search(queries[i], 10, VectorSearchOptions.Exact));
            }

            await store.UpsertAsync([1_000_001], StoreFixture.RandomVectors(1, Dimension, 25), _ct);
            Assert.Equal(3001, store.Count);
            Assert.True(FolderBytes() < bytesBefore, $"{FolderBytes()} bytes after compaction, {bytesBefore} before");
        }

        using var reopened = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true });
        Assert.Equal(3001, reopened.Count);
        Assert.Single(Directory.GetFiles(_fixture.Folder, "*.f32"));
    }

    [Fact]
    public async Task ManySmallAppends_KeepTheManifestSmall()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "test-model");
        var vectors = StoreFixture.RandomVectors(3000, Dimension, 31);
        for (var i = 0; i < 3000; i += 3)
        {
            await store.UpsertAsync([i, i + 1, i + 2], vectors.AsMemory(i * Dimension, 3 * Dimension), _ct);
        }

        // One chunk checksum for all of them, not a thousand.
        Assert.True(new FileInfo(Path.Combine(_fixture.Folder, "manifest.bin")).Length < 200);
        store.Verify();
        Assert.Equal(3000, store.Count);
    }

    [Fact]
    public async Task CorruptedSegment_IsRefusedOnOpenNamingTheFile()
    {
        var (store, _) = await FilledStoreAsync(1000, seed: 26);
        store.Dispose();
        var floats = Directory.GetFiles(_fixture.Folder, "*.f32").Single();
        using (var file = new FileStream(floats, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 4 * Dimension * 500;
            file.WriteByte(0x7F);
        }

        var error = Assert.Throws<CorruptStoreException>(() => VectorStore.Open(_fixture.Folder));
        Assert.Equal(floats, error.Path);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.Equal(floats, Assert.Throws<CorruptStoreException>(() => VectorStore.OpenReadOnly(_fixture.Folder)).Path);
        using var unverified = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = false });
        Assert.Equal(floats, Assert.Throws<CorruptStoreException>(unverified.Verify).Path);
    }

    [Theory]
    [InlineData("*.f32")]
    [InlineData("*.i8")]
    [InlineData("*.scale")]
    [InlineData("*.ids")]
    public async Task ColumnFileOverwrittenWithRandomData_IsRefusedOnOpenNamingIt(string column)
    {
        var (store, _) = await FilledStoreAsync(3000, seed: 29);
        store.Dispose();
        var path = Directory.GetFiles(_fixture.Folder, column).Single();
        var garbage = new byte[new FileInfo(path).Length];
        new Random(30).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<CorruptStoreException>(() => VectorStore.OpenReadOnly(_fixture.Folder));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedManifest_IsRefusedOnOpen()
    {
        var (store, _) = await FilledStoreAsync(10, seed: 27);
        store.Dispose();
        var manifest = Path.Combine(_fixture.Folder, "manifest.bin");
        var bytes = File.ReadAllBytes(manifest);
        bytes[20] ^= 0x01;
        File.WriteAllBytes(manifest, bytes);
        var error = Assert.Throws<CorruptStoreException>(() => VectorStore.Open(_fixture.Folder));
        Assert.Equal(manifest, error.Path);
    }

    [Fact]
    public async Task TruncatedColumnFile_IsRefusedOnOpen()
    {
        var (store, _) = await FilledStoreAsync(2000, seed: 28);
        store.Dispose();
        var ids = Directory.GetFiles(_fixture.Folder, "*.ids").Single();
        using (var file = new FileStream(ids, FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(8 * 100);
        }

        var error = Assert.Throws<CorruptStoreException>(() => VectorStore.Open(_fixture.Folder));
        Assert.Equal(ids, error.Path);
    }

    [Fact]
    public void OpeningAFolderWithoutStore_SaysSo()
    {
        var error = Assert.Throws<CorruptStoreException>(() => VectorStore.Open(_fixture.Folder));
        Assert.Contains("no vector store manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenOrCreate_RefusesAnotherModelsStore()
    {
        var (store, _) = await FilledStoreAsync(3, seed: 29);
        store.Dispose();
        Assert.Throws<ModelMismatchException>(() => VectorStore.OpenOrCreate(_fixture.Folder, Dimension, "other-model"));
        Assert.Throws<ModelMismatchException>(() => VectorStore.OpenOrCreate(_fixture.Folder, Dimension + 1, "test-model"));
        using var same = VectorStore.OpenOrCreate(_fixture.Folder, Dimension, "test-model");
        Assert.Equal(3, same.Count);
    }

    [Fact]
    public async Task WrongVectorLength_IsRejected()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "test-model");
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync([1, 2], new float[Dimension], _ct));
        Assert.Throws<ArgumentException>(() => store.Search(new float[Dimension - 1], 3));
    }

    [Fact]
    public void EmptyStore_ReturnsNoHits()
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "test-model");
        Assert.Empty(store.Search(Queries(1, 30)[0], 5));
    }

    private async Task<(VectorStore Store, Dictionary<long, float[]> Live)> FilledStoreAsync(int count, int seed, int dimension = Dimension)
    {
        var store = VectorStore.Create(_fixture.Folder, dimension, "test-model");
        var vectors = StoreFixture.RandomVectors(count, dimension, seed);
        // Ids are not slots: sparse and shuffled, appended in a few batches.
        var ids = Enumerable.Range(0, count).Select(i => (long)((i * 7919L) % 1_000_003)).ToArray();
        for (var start = 0; start < count; start += 4096)
        {
            var n = Math.Min(4096, count - start);
            await store.UpsertAsync(ids[start..(start + n)], vectors.AsMemory(start * dimension, n * dimension), _ct);
        }

        return (store, StoreFixture.Rows(ids, vectors, dimension));
    }

    private static float[][] Queries(int count, int seed, int dimension = Dimension)
    {
        var flat = StoreFixture.RandomVectors(count, dimension, seed);
        return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * dimension, dimension).ToArray()).ToArray();
    }

    private long FolderBytes() =>
        Directory.GetFiles(_fixture.Folder).Sum(f => new FileInfo(f).Length);
}
