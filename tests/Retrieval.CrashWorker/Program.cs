using Retrieval.Testing;
using Retrieval.Vectors;

// The victim of the crash-safety tests: mutates a vector store forever, announcing each operation before it
// starts ("begin") and after it is durable ("ack"), until the test kills it with SIGKILL.
// Usage: retrieval-crash-worker FOLDER FIRST_ID SEED
const int Dimension = CrashTestVectors.Dimension;
var folder = args[0];
var nextId = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var random = new Random(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
using var store = VectorStore.OpenOrCreate(folder, Dimension, "crash-test");
Console.Out.Flush();
while (true)
{
    var roll = random.Next(100);
    if (roll < 70)
    {
        var count = random.Next(1, 400);
        var ids = Enumerable.Range(0, count).Select(i => nextId + i).ToArray();
        var vectors = new float[count * Dimension];
        for (var i = 0; i < count; i++)
        {
            CrashTestVectors.Fill(ids[i], vectors.AsSpan(i * Dimension, Dimension));
        }

        Say($"begin append {nextId} {count}");
        await store.UpsertAsync(ids, vectors);
        Say($"ack append {nextId} {count}");
        nextId += count;
    }
    else if (roll < 92)
    {
        var ids = Enumerable.Range(0, random.Next(1, 50)).Select(_ => random.NextInt64(0, Math.Max(nextId, 1))).Distinct().ToArray();
        Say($"begin delete {string.Join(',', ids)}");
        await store.DeleteAsync(ids);
        Say($"ack delete {string.Join(',', ids)}");
    }
    else
    {
        Say("begin compact");
        await store.CompactAsync();
        Say("ack compact");
    }
}

static void Say(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}

