using Retrieval.Errors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// A fault at every single file step of every kind of write: after it, what the store believes must be what
/// its folder says (reopened from disk), the disk must hold the operation wholly or not at all, and the
/// store must go on working. A failure after the manifest rename is a commit, never a rollback.
/// </summary>
public sealed class VectorStoreFaultTests : IDisposable
{
    private const int Dimension = 64;
    private const int BaseCount = 300;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly float[] _baseVectors = StoreFixture.RandomVectors(BaseCount, Dimension, 1);
    private int _folders;

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string> Operations => new("append", "replace", "delete", "grow", "compact");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task FaultAtEveryStep_MemoryFollowsTheDisk_AndTheStoreGoesOn(string operation)
    {
        var steps = await CountStepsAsync(operation);
        var outcomes = new Dictionary<string, int>();
        for (var step = 1; step <= steps; step++)
        {
            foreach (var afterDoing in (bool[])[false, true])
            {
                var outcome = await FailOnceAsync(operation, step, afterDoing);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"{operation}: {steps} steps, outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(outcomes.ContainsKey("rolled back") && outcomes.ContainsKey("committed"), "the faults never straddled the commit point");
    }

    [Fact]
    public async Task FailedRemap_KeepsThePreviousMapsSearchable()
    {
        var (folder, live) = BaseStore();
        var files = new FaultInjectingFileSystem();
        using var store = VectorStore.Open(folder, new VectorStoreOptions { FileSystem = files });
        files.FailAfterDoing = false;
        var grow = Enumerable.Range(10_000, 1500).Select(i => (long)i).ToArray();
        // The third column's new map fails: the first two new maps are already made.
        var firstMap = await FirstStepAsync(folder, "grow", "map");
        files.Fail.Add(files.Steps + firstMap + 2);
        await Assert.ThrowsAsync<IOException>(() => store.UpsertAsync(grow, StoreFixture.RandomVectors(grow.Length, Dimension, 5), _ct));
        foreach (var query in StoreFixture.RandomVectors(3, Dimension, 6).Chunk(Dimension))
        {
            Assert.Equal(StoreFixture.BruteForce(query, live, 10), store.Search(query, 10, VectorSearchOptions.Exact).Select(h => h.Id));
            Assert.Equal(StoreFixture.BruteForce(query, live, 10), store.Search(query, 10).Select(h => h.Id));
        }

        files.Fail.Clear();
        await store.UpsertAsync(grow, StoreFixture.RandomVectors(grow.Length, Dimension, 5), _ct);
        Assert.Equal(live.Count + grow.Length, store.Count);
    }

    [Fact]
    public async Task UnknowableCommit_StopsWritesUntilReopened()
    {
        var (folder, live) = BaseStore();
        var files = new FaultInjectingFileSystem();
        var store = VectorStore.Open(folder, new VectorStoreOptions { FileSystem = files });
        var rename = await FirstStepAsync(folder, "append", "rename");
        // The rename fails, and so does reading the manifest back to learn whether it happened.
        files.Fail.UnionWith([files.Steps + rename, files.Steps + rename + 1]);
        await Assert.ThrowsAsync<IOException>(() => store.UpsertAsync([5000], StoreFixture.RandomVectors(1, Dimension, 7), _ct));
        files.Fail.Clear();
        var error = await Assert.ThrowsAsync<StoreFaultException>(() => store.UpsertAsync([5001], StoreFixture.RandomVectors(1, Dimension, 8), _ct));
        Assert.Contains("reopen", error.Message, StringComparison.Ordinal);
        store.Dispose();
        using var reopened = VectorStore.Open(folder, new VectorStoreOptions { VerifyOnOpen = true });
        Assert.Equal(live.Count, reopened.Count);
    }

    private async Task<string> FailOnceAsync(string operation, int step, bool afterDoing)
    {
        var (folder, before) = BaseStore();
        var after = Apply(operation, before);
        var files = new FaultInjectingFileSystem { FailAfterDoing = afterDoing };
        var store = VectorStore.Open(folder, new VectorStoreOptions { FileSystem = files });
        files.Fail.Add(files.Steps + step);
        var what = $"{operation}, fault {(afterDoing ? "after" : "instead of")} step {step}";
        try
        {
            await RunAsync(operation, store);
        }
        catch (IOException e) when (e.Message.StartsWith("injected fault", StringComparison.Ordinal))
        {
            what += $" ({e.Message})";
        }

        var ids = before.Keys.Union(after.Keys).ToList();
        var memory = Snapshot(store, ids);
        Dictionary<long, float[]> disk;
        using (var reader = VectorStore.OpenReadOnly(folder, new VectorStoreOptions { VerifyOnOpen = true }))
        {
            disk = Snapshot(reader, ids);
        }

        AssertSame(disk, memory, $"{what}: the store's view differs from its folder");
        var committed = Same(disk, after);
        var rolledBack = Same(disk, before);
        Assert.True(committed || rolledBack, $"{what}: the folder holds a half-applied operation");

        // The store goes on: a later write lands in free slots and survives reopening, whatever came before.
        files.Fail.Clear();
        var extra = Enumerable.Range(50_000, 10).Select(i => (long)i).ToArray();
        var extraVectors = StoreFixture.RandomVectors(extra.Length, Dimension, 9);
        await store.UpsertAsync(extra, extraVectors, _ct);
        store.Dispose();
        foreach (var (id, vector) in StoreFixture.Rows(extra, extraVectors, Dimension))
        {
            disk[id] = vector;
        }

        using (var reopened = VectorStore.Open(folder, new VectorStoreOptions { VerifyOnOpen = true }))
        {
            AssertSame(disk, Snapshot(reopened, [.. ids, .. extra]), $"{what}: the next write or the reopen lost something");
        }

        // Leftovers of the failed step are gone once a writer has opened the folder.
        Assert.Single(Directory.GetFiles(folder, "*.f32"));
        Assert.False(File.Exists(Path.Combine(folder, "manifest.bin.tmp")), $"{what}: a temporary manifest survived");
        // A compaction changes no content: whether it committed shows in the segment the manifest names.
        return operation == "compact" ? (File.Exists(Path.Combine(folder, "segment-000002.f32")) ? "committed" : "rolled back")
            : committed ? "committed" : "rolled back";
    }

    private (string Folder, Dictionary<long, float[]> Live) BaseStore()
    {
        var folder = Path.Combine(_fixture.Folder, $"store-{_folders++}");
        var ids = Enumerable.Range(0, BaseCount).Select(i => (long)i).ToArray();
        using (var store = VectorStore.Create(folder, Dimension, "test-model"))
        {
            store.UpsertAsync(ids, _baseVectors, _ct).GetAwaiter().GetResult();
            // Deleted slots for the compaction to drop.
            store.DeleteAsync([.. ids.Where(id => id % 3 == 0)], _ct).GetAwaiter().GetResult();
        }

        var live = StoreFixture.Rows(ids, _baseVectors, Dimension);
        foreach (var id in ids.Where(id => id % 3 == 0))
        {
            live.Remove(id);
        }

        return (folder, live);
    }

    private static Dictionary<long, float[]> Apply(string operation, Dictionary<long, float[]> before)
    {
        var after = new Dictionary<long, float[]>(before);
        var (ids, vectors) = Change(operation);
        if (operation == "delete")
        {
            ids.ToList().ForEach(id => after.Remove(id));
        }
        else if (vectors is not null)
        {
            foreach (var (id, vector) in StoreFixture.Rows(ids, vectors, Dimension))
            {
                after[id] = vector;
            }
        }

        return after;
    }

    private static (long[] Ids, float[]? Vectors) Change(string operation) => operation switch
    {
        "append" => (Ids(1000, 50), StoreFixture.RandomVectors(50, Dimension, 2)),
        "replace" => ([.. Ids(1, 20), .. Ids(2000, 5)], StoreFixture.RandomVectors(25, Dimension, 3)),
        "delete" => (Ids(1, 40), null),
        "grow" => (Ids(3000, 1500), StoreFixture.RandomVectors(1500, Dimension, 4)),
        _ => ([], null),
    };

    private static long[] Ids(int first, int count) => [.. Enumerable.Range(first, count).Select(i => (long)i)];

    private async Task RunAsync(string operation, VectorStore store)
    {
        var (ids, vectors) = Change(operation);
        await (operation switch
        {
            "delete" => store.DeleteAsync(ids, _ct),
            "compact" => store.CompactAsync(_ct),
            _ => store.UpsertAsync(ids, vectors, _ct),
        });
    }

    private async Task<int> CountStepsAsync(string operation)
    {
        var (folder, _) = BaseStore();
        var files = new FaultInjectingFileSystem();
        using var store = VectorStore.Open(folder, new VectorStoreOptions { FileSystem = files });
        var before = files.Steps;
        await RunAsync(operation, store);
        return files.Steps - before;
    }

    /// <summary>The step (counted from the start of the operation) of its first file operation named <paramref name="kind"/>.</summary>
    private async Task<int> FirstStepAsync(string folder, string operation, string kind)
    {
        var copy = folder + "-dry";
        CopyFolder(folder, copy);
        var files = new FaultInjectingFileSystem();
        using var store = VectorStore.Open(copy, new VectorStoreOptions { FileSystem = files });
        var before = files.Steps;
        await RunAsync(operation, store);
        return files.Log.FindIndex(before, s => s.StartsWith(kind, StringComparison.Ordinal)) + 1 - before;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static Dictionary<long, float[]> Snapshot(VectorStore store, IEnumerable<long> ids)
    {
        var found = new Dictionary<long, float[]>();
        foreach (var id in ids.Distinct())
        {
            var vector = new float[Dimension];
            if (store.TryGetVector(id, vector))
            {
                found[id] = vector;
            }
        }

        Assert.Equal(found.Count, store.Count);
        return found;
    }

    private static bool Same(Dictionary<long, float[]> a, Dictionary<long, float[]> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && p.Value.Zip(v).All(x => Math.Abs(x.First - x.Second) < 1e-6));

    private static void AssertSame(Dictionary<long, float[]> expected, Dictionary<long, float[]> actual, string message) =>
        Assert.True(Same(expected, actual), $"{message}: {expected.Count} vectors expected, {actual.Count} held, {expected.Keys.Except(actual.Keys).Count()} missing");
}
