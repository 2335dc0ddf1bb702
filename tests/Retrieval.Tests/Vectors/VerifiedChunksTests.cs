using Retrieval.Errors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// Opening a store again in the same process hashes only what it has not verified in files unchanged since: nothing
/// for a quiet store, every chunk of a file written since (the writer's append or damage), and every chunk of a file
/// written too recently for its time to tell.
/// </summary>
public sealed class VerifiedChunksTests : IDisposable
{
    private const int Dimension = 64;
    private readonly StoreFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ReopeningAQuietStore_HashesNothing_AndAnyWriteSinceIsVerifiedAgain()
    {
        using (var writer = VectorStore.Create(_fixture.Folder, Dimension, "m"))
        {
            var ids = Enumerable.Range(0, 9000).Select(i => (long)i).ToArray();
            foreach (var chunk in ids.Chunk(4500))
            {
                await writer.UpsertAsync(chunk, StoreFixture.RandomVectors(chunk.Length, Dimension, (int)chunk[0]), _ct);
            }
        }

        Assert.Equal(8, HashedOnOpen()); // just written: too recent to remember, so 2 chunks x 4 columns each time
        Assert.Equal(8, HashedOnOpen());
        Settle();
        Assert.Equal(8, HashedOnOpen());
        Assert.Equal(0, HashedOnOpen());
        Assert.Equal(0, HashedOnOpen(readOnly: true));

        // Damage in place: same file, same length, a new time. Every chunk of that file is hashed again.
        var floats = Directory.GetFiles(_fixture.Folder, "*.f32").Single();
        using (var file = new FileStream(floats, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 4L * Dimension * 7000;
            var original = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(original ^ 0x55));
        }

        Settle();
        Assert.Equal(floats, Assert.Throws<CorruptStoreException>(() => HashedOnOpen()).Path);
    }

    /// <summary>Opens the store (verifying) and closes it again: how many chunk columns the open hashed.</summary>
    private int HashedOnOpen(bool readOnly = false)
    {
        var options = new VectorStoreOptions { VerifyOnOpen = true };
        using var store = readOnly ? VectorStore.OpenReadOnly(_fixture.Folder, options) : VectorStore.Open(_fixture.Folder, options);
        return store.HashedOnVerify;
    }

    /// <summary>Dates the files back, as if the store had been quiet for a minute.</summary>
    private void Settle()
    {
        foreach (var file in Directory.GetFiles(_fixture.Folder, "segment-*"))
        {
            File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddMinutes(-1));
        }
    }
}
