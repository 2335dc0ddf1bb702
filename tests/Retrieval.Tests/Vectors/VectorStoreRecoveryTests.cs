using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// Crash safety, for real: a child process appends, deletes and compacts without pause and is killed with
/// SIGKILL at random moments, again and again on the same folder. After every kill the store must open, pass
/// a full checksum verification, hold every acknowledged vector exactly, and hold no part of an operation
/// that was not committed: an in-flight append or delete is there whole or not at all.
/// </summary>
public sealed class VectorStoreRecoveryTests : IDisposable
{
    private const int Kills = 12;
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task KilledMidWrite_ReopensWithEveryAcknowledgedVectorAndNoPartialOperation()
    {
        var random = new Random(2026);
        var present = new HashSet<long>();
        long nextId = 0;
        var sawInFlight = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var lines = await RunAndKillAsync(nextId, seed: kill, afterAck: TimeSpan.FromMilliseconds(random.Next(0, 250)));
            var inFlight = Apply(lines, present, ref nextId);
            using var store = VectorStore.Open(_fixture.Folder, new VectorStoreOptions { VerifyOnOpen = true });
            sawInFlight += ResolveInFlight(store, inFlight, present) ? 1 : 0;
            AssertHoldsExactly(store, present, nextId);
        }

        TestContext.Current.SendDiagnosticMessage($"{Kills} kills, {sawInFlight} landed mid-operation, {present.Count} vectors survive");
        Assert.True(sawInFlight > 0, "no kill landed in the middle of an operation: the test proved nothing about partial ones");
    }

    private async Task<List<string>> RunAndKillAsync(long firstId, int seed, TimeSpan afterAck)
    {
        using var worker = ChildProcess.Start(ChildProcess.CrashWorker, ["crash", _fixture.Folder, $"{firstId}", $"{seed}"], input: true);
        await worker.WaitForLineAsync(line => line.StartsWith("ack", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await Task.Delay(afterAck, TestContext.Current.CancellationToken);
        // A worker that died on its own would make every check below vacuous.
        Assert.False(worker.HasExited, "the worker had exited before the kill");
        return await worker.KillAsync();
    }

    /// <summary>Applies the acknowledged operations to the expected set; returns the operation begun but not acknowledged.</summary>
    private static string? Apply(List<string> lines, HashSet<long> present, ref long nextId)
    {
        string? open = null;
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts[0] == "begin")
            {
                open = line;
                if (parts[1] == "append")
                {
                    nextId = Math.Max(nextId, long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                }

                continue;
            }

            open = null;
            foreach (var id in Ids(parts))
            {
                if (parts[1] == "append")
                {
                    present.Add(id);
                }
                else
                {
                    present.Remove(id);
                }
            }
        }

        return open;
    }

    /// <summary>The interrupted operation must have happened entirely or not at all; the expected set follows what did.</summary>
    private static bool ResolveInFlight(VectorStore store, string? line, HashSet<long> present)
    {
        if (line is null || line == "begin compact")
        {
            return line is not null;
        }

        var parts = line.Split(' ');
        var ids = Ids(parts).Where(id => parts[1] == "append" || present.Contains(id)).ToList();
        var stored = new float[CrashTestVectors.Dimension];
        var found = ids.Count(id => store.TryGetVector(id, stored));
        var happened = parts[1] == "append" ? found == ids.Count : found == 0;
        var didNot = parts[1] == "append" ? found == 0 : found == ids.Count;
        Assert.True(happened || didNot, $"'{line}' was half applied: {found} of {ids.Count} ids present");
        if (happened)
        {
            ids.ForEach(id => _ = parts[1] == "append" ? present.Add(id) : present.Remove(id));
        }

        return true;
    }

    private static void AssertHoldsExactly(VectorStore store, HashSet<long> present, long nextId)
    {
        Assert.Equal(present.Count, store.Count);
        var stored = new float[CrashTestVectors.Dimension];
        var expected = new float[CrashTestVectors.Dimension];
        for (long id = 0; id < nextId; id++)
        {
            var found = store.TryGetVector(id, stored);
            Assert.True(found == present.Contains(id), $"id {id}: stored {found}, expected {present.Contains(id)}");
            if (found)
            {
                CrashTestVectors.Fill(id, expected);
                // The store re-normalises, which may move the last bit; a torn or foreign write is far off.
                var worst = expected.Zip(stored, (a, b) => Math.Abs(a - b)).Max();
                Assert.True(worst < 1e-6, $"id {id} holds another vector (max |diff| {worst})");
            }
        }
    }

    private static IEnumerable<long> Ids(string[] parts) => parts[1] switch
    {
        "append" => Enumerable.Range(0, int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture))
            .Select(i => long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + i),
        "delete" => parts[2].Split(',').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
        _ => [],
    };
}
