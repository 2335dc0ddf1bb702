using System.Globalization;
using Retrieval.Testing;
using Retrieval.Vectors;

// The other process of the store's multi-process tests. Every line it prints is flushed at once.
//   crash FOLDER FIRST_ID SEED   mutates a store forever, saying "begin ..." before each operation and "ack ..."
//                                once it is durable, until the test kills it with SIGKILL. It compacts the way
//                                the indexer does, by ReclaimAsync (here whenever anything is deleted).
//   writer FOLDER GROUPS         appends GROUPS groups of 64 vectors (ids g*64 .. g*64+63), deleting every third
//                                group again and compacting every tenth step, then says "done COUNT" and exits.
//   lock FOLDER                  opens the store for writing, says "locked", and holds it until stdin closes.
const int Dimension = CrashTestVectors.Dimension;
var folder = args[1];
switch (args[0])
{
    case "crash":
        await CrashAsync(folder, long.Parse(args[2], CultureInfo.InvariantCulture), new Random(int.Parse(args[3], CultureInfo.InvariantCulture)));
        break;
    case "writer":
        await WriteGroupsAsync(folder, int.Parse(args[2], CultureInfo.InvariantCulture));
        break;
    case "lock":
        using (VectorStore.OpenOrCreate(folder, Dimension, "crash-test"))
        {
            Say("locked");
            await Console.In.ReadToEndAsync();
        }

        break;
    default:
        throw new ArgumentException($"unknown mode '{args[0]}'");
}

static async Task CrashAsync(string folder, long nextId, Random random)
{
    using var store = VectorStore.OpenOrCreate(folder, Dimension, "crash-test", new VectorStoreOptions { CompactAbove = 0 });
    while (true)
    {
        var roll = random.Next(100);
        if (roll < 70)
        {
            var count = random.Next(1, 400);
            var ids = Enumerable.Range(0, count).Select(i => nextId + i).ToArray();
            Say($"begin append {nextId} {count}");
            await store.UpsertAsync(ids, Vectors(ids));
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
            await store.ReclaimAsync();
            Say("ack compact");
        }
    }
}

static async Task WriteGroupsAsync(string folder, int groups)
{
    const int GroupSize = 64;
    using var store = VectorStore.OpenOrCreate(folder, Dimension, "crash-test");
    for (var group = 0; group < groups; group++)
    {
        var ids = Enumerable.Range(group * GroupSize, GroupSize).Select(i => (long)i).ToArray();
        await store.UpsertAsync(ids, Vectors(ids));
        if (group % 3 == 2)
        {
            await store.DeleteAsync([.. ids.Select(id => id - GroupSize)]);
        }

        if (group % 10 == 9)
        {
            await store.CompactAsync();
        }

        Say($"ack {group}");
    }

    Say($"done {store.Count}");
}

static float[] Vectors(long[] ids)
{
    var vectors = new float[ids.Length * Dimension];
    for (var i = 0; i < ids.Length; i++)
    {
        CrashTestVectors.Fill(ids[i], vectors.AsSpan(i * Dimension, Dimension));
    }

    return vectors;
}

static void Say(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}
