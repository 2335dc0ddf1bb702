using Retrieval.Errors;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// One writer, many readers: the writer lock across processes, read-only readers that change nothing and
/// follow the writer's commits, and searches that race a disposal or a compaction.
/// </summary>
public sealed class VectorStoreConcurrencyTests : IDisposable
{
    private const int Dimension = CrashTestVectors.Dimension;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void SecondWriterInTheSameProcess_IsRefusedNamingTheHolder()
    {
        using (VectorStore.Create(_fixture.Folder, Dimension, "m"))
        {
            var error = Assert.Throws<StoreLockedException>(() => VectorStore.Open(_fixture.Folder));
            Assert.Equal(Environment.ProcessId, error.Holder);
            Assert.Contains($"process {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
            using var reader = VectorStore.OpenReadOnly(_fixture.Folder);
            Assert.True(reader.IsReadOnly);
        }

        using var again = VectorStore.Open(_fixture.Folder);
        Assert.False(again.IsReadOnly);
    }

    [Fact]
    public async Task WriterInAnotherProcess_IsNamed_AndItsLockDiesWithIt()
    {
        using var worker = ChildProcess.Start(ChildProcess.CrashWorker, ["lock", _fixture.Folder], input: true);
        await worker.WaitForLineAsync(line => line == "locked", TimeSpan.FromSeconds(60));
        var error = Assert.Throws<StoreLockedException>(() => VectorStore.Open(_fixture.Folder));
        Assert.Equal(worker.Id, error.Holder);
        Assert.Contains($"open for writing by process {worker.Id}", error.Message, StringComparison.Ordinal);

        await worker.KillAsync(); // SIGKILL: the kernel drops the flock with the process
        using var store = VectorStore.Open(_fixture.Folder);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task ReadOnlyStore_ChangesNothingOnDisk_AndRefusesWrites()
    {
        using (var writer = VectorStore.Create(_fixture.Folder, Dimension, "m"))
        {
            await writer.UpsertAsync([1, 2, 3], Vectors(1, 2, 3), _ct);
            await writer.DeleteAsync([2], _ct);
        }

        // What an interrupted writer leaves: a reader must not clean it up; only a writer may.
        File.WriteAllBytes(Path.Combine(_fixture.Folder, "manifest.bin.tmp"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_fixture.Folder, "segment-000007.f32"), new byte[64]);
        var before = FolderState();
        using (var reader = VectorStore.OpenReadOnly(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true }))
        {
            Assert.Equal([1L, 3L], reader.Search(Vectors(1), 5, VectorSearchOptions.Exact).Select(h => h.Id).Order());
            Assert.True(reader.TryGetVector(3, new float[Dimension]));
            reader.Refresh();
            reader.Verify();
            await Assert.ThrowsAsync<InvalidOperationException>(() => reader.UpsertAsync([4], Vectors(4), _ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => reader.DeleteAsync([1], _ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => reader.CompactAsync(_ct));
        }

        Assert.Equal(before, FolderState());
    }

    [Fact]
    public async Task Reader_FollowsAppendsDeletesAndCompactionsOfTheWriter()
    {
        using var writer = VectorStore.Create(_fixture.Folder, Dimension, "m");
        using var reader = VectorStore.OpenReadOnly(_fixture.Folder);
        Assert.Empty(reader.Search(Vectors(5), 3));
        // Past the first mapping: the files grow under the reader.
        var ids = Enumerable.Range(0, 3000).Select(i => (long)i).ToArray();
        await writer.UpsertAsync(ids, Vectors(ids), _ct);
        Assert.Equal(5, reader.Search(Vectors(5), 1, VectorSearchOptions.Exact)[0].Id);
        Assert.Equal(3000, await reader.CountAsync(_ct));

        await writer.DeleteAsync([.. ids.Where(id => id % 2 == 1)], _ct);
        Assert.DoesNotContain(reader.Search(Vectors(7), 10, VectorSearchOptions.Exact), h => h.Id == 7);
        Assert.False(reader.TryGetVector(7, new float[Dimension]));

        await writer.CompactAsync(_ct); // a new segment; the old files are deleted under the reader's maps
        await writer.UpsertAsync([9001], Vectors(9001), _ct);
        Assert.Equal(9001, reader.Search(Vectors(9001), 1)[0].Id);
        Assert.Equal(1501, await reader.CountAsync(_ct));
        var stored = new float[Dimension];
        Assert.True(reader.TryGetVector(8, stored));
        Assert.Equal(Vectors(8), stored, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(writer.Generation, reader.Generation);
    }

    [Fact]
    public async Task ReaderBesideAWriterProcess_NeverFails_NeverSeesHalfACommit_AndConverges()
    {
        const int Groups = 300;
        using (VectorStore.Create(_fixture.Folder, Dimension, "crash-test"))
        {
        }

        using var reader = VectorStore.OpenReadOnly(_fixture.Folder);
        using var worker = ChildProcess.Start(ChildProcess.CrashWorker, ["writer", _fixture.Folder, $"{Groups}"], input: true);
        var searches = 0;
        var generations = new HashSet<long>();
        var query = new float[Dimension];
        var random = new Random(3);
        while (!worker.HasExited || searches == 0)
        {
            var probe = random.Next(0, Groups * 64);
            CrashTestVectors.Fill(probe, query);
            var hits = reader.Search(query, 8, VectorSearchOptions.Exact);
            // Every commit appends or deletes whole groups of 64: a count between them is half a commit.
            var count = await reader.CountAsync(_ct);
            Assert.True(count % 64 == 0, $"the reader saw {count} vectors: not a whole number of groups");
            foreach (var hit in hits)
            {
                // Each returned vector is exactly the one its id was written with: no torn or unflushed slot.
                CrashTestVectors.Fill(hit.Id, query);
                var stored = new float[Dimension];
                if (reader.TryGetVector(hit.Id, stored))
                {
                    Assert.Equal(query, stored, (a, b) => Math.Abs(a - b) < 1e-6);
                }
            }

            generations.Add(reader.Generation);
            searches++;
        }

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var done = worker.Lines().Single(l => l.StartsWith("done", StringComparison.Ordinal));
        var finalCount = long.Parse(done["done ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(finalCount, await reader.CountAsync(_ct));
        using var fresh = VectorStore.OpenReadOnly(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true });
        for (var probe = 0; probe < Groups * 64; probe += 997)
        {
            CrashTestVectors.Fill(probe, query);
            Assert.Equal(fresh.Search(query, 5, VectorSearchOptions.Exact), reader.Search(query, 5, VectorSearchOptions.Exact));
        }

        TestContext.Current.SendDiagnosticMessage($"reader beside a writer process: {searches} searches over {generations.Count} generations, final {finalCount} vectors");
        Assert.True(generations.Count > 10, $"the reader saw only {generations.Count} generations: it did not run beside the writer");
    }

    [Fact]
    public async Task SearchesRacingDispose_AnswerRightOrThrowObjectDisposed()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => (long)i).ToArray();
        var vectors = Vectors(ids);
        var answered = 0L;
        for (var round = 0; round < 25; round++)
        {
            var folder = Path.Combine(_fixture.Folder, $"round-{round}");
            var store = VectorStore.Create(folder, Dimension, "m");
            await store.UpsertAsync(ids, vectors, _ct);
            // Each searcher says when it has answered once, so the disposal races searches that are running.
            var running = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var searchers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
            {
                var query = Vectors(t);
                var count = 0;
                while (true)
                {
                    try
                    {
                        // An answer given is the right one, whichever moment the disposal came: the query's own vector first.
                        var top = t switch
                        {
                            0 => store.Search(query, 10)[0],
                            1 => store.Search(query, 10, VectorSearchOptions.Exact)[0],
                            _ => store.Score(query, [2, 1, 3])[0],
                        };
                        Assert.Equal(t, top.Id);
                        Assert.Equal(1f, top.Score, 3);
                    }
                    catch (ObjectDisposedException)
                    {
                        return count;
                    }

                    count++;
                    running[t].TrySetResult();
                }
            }, _ct)).ToArray();
            await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(30), _ct);
            store.Dispose();
            var counts = await Task.WhenAll(searchers).WaitAsync(TimeSpan.FromSeconds(30), _ct);
            // Every searcher answered before the disposal and then saw it: none ran on, none ended another way.
            Assert.All(counts, c => Assert.True(c > 0));
            answered += counts.Sum();
        }

        TestContext.Current.SendDiagnosticMessage($"{answered} answers across 25 disposals");
    }

    [Fact]
    public async Task LookupsAndSearches_DoNotWaitBehindACompaction()
    {
        var files = new FaultInjectingFileSystem();
        var ids = Enumerable.Range(0, 5000).Select(i => (long)i).ToArray();
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m", new VectorStoreOptions { FileSystem = files });
        await store.UpsertAsync(ids, Vectors(ids), _ct);
        await store.DeleteAsync([.. ids.Where(id => id % 2 == 0)], _ct);
        // Stop the compaction at its first write to the new segment.
        files.HoldOn = "write";
        var compaction = Task.Run(() => store.CompactAsync(_ct), _ct);
        await files.Held.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        try
        {
            var lookup = Task.Run(() =>
            {
                var stored = new float[Dimension];
                return (Found: store.TryGetVector(7, stored), Stored: stored, Missing: store.TryGetVector(8, stored),
                    Hit: store.Search(Vectors(9), 1)[0].Id, Scores: store.Score(Vectors(11), [11, 12]));
            }, _ct);
            var result = await lookup.WaitAsync(TimeSpan.FromSeconds(10), _ct);
            Assert.True(result.Found);
            Assert.False(result.Missing);
            Assert.Equal(9, result.Hit);
            Assert.Equal([11L], result.Scores.Select(h => h.Id));
            Assert.False(compaction.IsCompleted, "the compaction should still be held");
        }
        finally
        {
            files.Gate.Release();
        }

        await compaction;
        Assert.Equal(2500, store.SlotCount);
        Assert.True(store.TryGetVector(7, new float[Dimension]));
    }

    private static float[] Vectors(params long[] ids)
    {
        var vectors = new float[ids.Length * Dimension];
        for (var i = 0; i < ids.Length; i++)
        {
            CrashTestVectors.Fill(ids[i], vectors.AsSpan(i * Dimension, Dimension));
        }

        return vectors;
    }

    private string FolderState() => string.Join("\n", Directory.GetFiles(_fixture.Folder).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
}
