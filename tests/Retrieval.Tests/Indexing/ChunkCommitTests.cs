using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Testing;

namespace Retrieval.Tests.Indexing;

/// <summary>
/// One chunk committed to a real local index (SQLite catalog, vector store, Lucene): what was read into the
/// catalog, the vectors, the keyword documents, the photos marked indexed, the counts; and queued removals carried out.
/// </summary>
public sealed class ChunkCommitTests : IDisposable
{
    private const int Dimension = 4;
    private readonly IndexFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private static float[] Axis(int index)
    {
        var vector = new float[Dimension];
        vector[index] = 1;
        return vector;
    }

    private static float[] SignatureOf(string sample)
    {
        using var image = new ImageDecoder(new ImagingOptions()).DecodeFile(Path.Combine(RepositoryPaths.Samples, sample), 224);
        return PixelSignature.Of(image);
    }

    /// <summary>A photo the walk found under the folder <c>trip</c>, pending in the catalog.</summary>
    private KnownFile Pending(PhotoIndex index, string name)
    {
        var file = new FoundFile(Path.Combine(_fixture.Photos, "trip", name), _fixture.Photos, 1000, 1);
        var id = index.Catalog.InTransaction(() => index.Catalog.AddPhoto(file, name, PhotoStatus.Pending, PendingWork.All));
        return index.Catalog.PendingPhotos().Single(p => p.Id == id);
    }

    private static EmbeddedPhoto Read(KnownFile job, string caption, float[] vector, float[] signature) =>
        new(new PreparedPhoto(job, new PhotoMetadata(), [new CaptionText(caption, "sidecar")], null, null, Signature: signature), vector, [vector], []);

    private static EmbeddedPhoto Unreadable(KnownFile job) => new(new PreparedPhoto(job, null, [], null, "not an image"), null, [], null);

    private async Task<IReadOnlySet<long>> HoldingAsync(PhotoIndex index, string word) =>
        await index.Keywords.PhotosHoldingAsync([word], _ct);

    [Fact]
    public async Task AChunk_ReachesEveryStore_AndOnlyWhatWasReadIsMarkedIndexed()
    {
        using var index = _fixture.Backend.OpenForWriting("m", Dimension, reembed: false);
        var (boat, bicycle, broken) = (Pending(index, "boat.jpg"), Pending(index, "bicycle.jpg"), Pending(index, "broken.jpg"));
        var counts = new IndexRunCounts();

        await new ChunkCommit(index, [Read(boat, "a sailing boat", Axis(0), SignatureOf("000000000790.jpg")),
            Read(bicycle, "a red bicycle", Axis(1), SignatureOf("000000062554.jpg")), Unreadable(broken)]).RunAsync(counts, _ct);

        Assert.Equal((2, 2, 1, 0), (counts.Embedded, counts.CaptionsEmbedded, counts.Failed, counts.NearDuplicates));
        var catalog = index.Catalog.Counts();
        Assert.Equal((2L, 0L, 1L, 2L), (catalog.Indexed, catalog.Pending, catalog.Failed, catalog.Captions));
        Assert.Equal(Axis(0), await index.Images!.Vectors.GetVectorAsync(boat.Id, _ct));
        Assert.Null(await index.Images.Vectors.GetVectorAsync(broken.Id, _ct));
        Assert.Equal(2, await index.Captions!.Vectors.CountAsync(_ct));
        Assert.Equal(2, await index.Pixels!.Vectors.CountAsync(_ct));
        Assert.Equal([boat.Id], await HoldingAsync(index, "boat"));
        Assert.Equal([bicycle.Id], await HoldingAsync(index, "bicycle"));
        // The keyword documents are built from the catalog: the folder's name and the file's are in them.
        Assert.Equal([boat.Id, bicycle.Id], (await HoldingAsync(index, "trip")).Order());
        Assert.Equal(2, await index.Keywords.CountAsync(_ct));
    }

    [Fact]
    public async Task TwoCopiesOfOneShotInAChunk_CountAsOneNearDuplicate_OnceCommitted()
    {
        using var index = _fixture.Backend.OpenForWriting("m", Dimension, reembed: false);
        var signature = SignatureOf("000000000790.jpg");
        List<EmbeddedPhoto> chunk = [Read(Pending(index, "first.jpg"), "a plate", Axis(0), signature),
            Read(Pending(index, "copy.jpg"), "a plate", Axis(0), signature), Read(Pending(index, "other.jpg"), "a bus", Axis(2), SignatureOf("000000062554.jpg"))];
        var nearDuplicates = new NewNearDuplicates(index, new NearDuplicateOptions());
        Assert.Equal(0, await nearDuplicates.CountAsync(chunk, _ct)); // nothing committed yet: nothing to repeat

        await new ChunkCommit(index, chunk).RunAsync(new IndexRunCounts(), _ct);

        Assert.Equal(1, await nearDuplicates.CountAsync(chunk, _ct));
    }

    [Fact]
    public async Task QueuedRemovals_AreCarriedOutInEveryStore_AndCleared()
    {
        using var index = _fixture.Backend.OpenForWriting("m", Dimension, reembed: false);
        var (boat, bicycle) = (Pending(index, "boat.jpg"), Pending(index, "bicycle.jpg"));
        await new ChunkCommit(index, [Read(boat, "a sailing boat", Axis(0), SignatureOf("000000000790.jpg")),
            Read(bicycle, "a red bicycle", Axis(1), SignatureOf("000000062554.jpg"))]).RunAsync(new IndexRunCounts(), _ct);

        index.Catalog.InTransaction(() => index.Catalog.RemovePhotos([boat.Id]));
        Assert.NotEmpty(index.Catalog.Removals(RemovalKind.Document));
        await ChunkCommit.ApplyRemovalsAsync(index, _ct);

        Assert.Null(await index.Images!.Vectors.GetVectorAsync(boat.Id, _ct));
        Assert.Equal(Axis(1), await index.Images.Vectors.GetVectorAsync(bicycle.Id, _ct));
        Assert.Equal(1, await index.Captions!.Vectors.CountAsync(_ct));
        Assert.Equal(1, await index.Pixels!.Vectors.CountAsync(_ct));
        Assert.Empty(await HoldingAsync(index, "boat"));
        Assert.Equal([bicycle.Id], await HoldingAsync(index, "trip"));
        Assert.All((string[])[RemovalKind.Image, RemovalKind.Caption, RemovalKind.Document], kind => Assert.Empty(index.Catalog.Removals(kind)));
    }
}
