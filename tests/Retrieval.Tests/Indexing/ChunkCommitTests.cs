using Retrieval.Analysis;
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
    private static readonly CollectionKind Images = new("images", Dimension, "m", onePerPhoto: true);
    private static readonly CollectionKind Captions = new("captions", Dimension, "m", onePerPhoto: false);
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

    /// <summary>A photo as the analyzers leave it: an image vector, one caption and its vector, a pixel signature.</summary>
    private static PhotoAnalysis Read(KnownFile job, string caption, float[] vector, float[] signature)
    {
        var photo = new PhotoAnalysis(job) { Metadata = new PhotoMetadata(), Captions = [new CaptionText(caption, "sidecar")], PixelsAnalysed = true };
        photo.SetVector(Images, vector);
        photo.SetItems(Captions, [new ItemVector(vector, caption)]);
        photo.SetVector(PixelSignature.Collection, signature);
        photo.Tally("captions");
        return photo;
    }

    private static PhotoAnalysis Unreadable(KnownFile job) => new(job) { Failure = "not an image" };

    private PhotoIndex Open() => _fixture.Backend.OpenForWriting([Images, Captions, PixelSignature.Collection], reembed: false);

    private static ChunkCommit Commit(PhotoIndex index, IReadOnlyList<PhotoAnalysis> photos) => new(index, photos, []);

    private async Task<IReadOnlySet<long>> HoldingAsync(PhotoIndex index, string word) =>
        await index.Keywords.PhotosHoldingAsync([word], _ct);

    [Fact]
    public async Task AChunk_ReachesEveryStore_AndOnlyWhatWasReadIsMarkedIndexed()
    {
        using var index = Open();
        var (boat, bicycle, broken) = (Pending(index, "boat.jpg"), Pending(index, "bicycle.jpg"), Pending(index, "broken.jpg"));
        var counts = new IndexRunCounts();

        await Commit(index, [Read(boat, "a sailing boat", Axis(0), SignatureOf("000000000790.jpg")),
            Read(bicycle, "a red bicycle", Axis(1), SignatureOf("000000062554.jpg")), Unreadable(broken)]).RunAsync(counts, _ct);

        Assert.Equal((2, 2, 1), (counts.Embedded, counts.TallyOf("captions"), counts.Failed));
        var catalog = index.Catalog.Counts();
        Assert.Equal((2L, 0L, 1L, 2L), (catalog.Indexed, catalog.Pending, catalog.Failed, catalog.Captions));
        Assert.Equal(Axis(0), await index.Collection("images")!.Vectors.GetVectorAsync(boat.Id, _ct));
        Assert.Null(await index.Collection("images")!.Vectors.GetVectorAsync(broken.Id, _ct));
        Assert.Equal(2, await index.Collection("captions")!.Vectors.CountAsync(_ct));
        Assert.Equal(2, await index.Collection("pixels")!.Vectors.CountAsync(_ct));
        Assert.Equal([boat.Id], await HoldingAsync(index, "boat"));
        Assert.Equal([bicycle.Id], await HoldingAsync(index, "bicycle"));
        // The keyword documents are built from the catalog: the folder's name and the file's are in them.
        Assert.Equal([boat.Id, bicycle.Id], (await HoldingAsync(index, "trip")).Order());
        Assert.Equal(2, await index.Keywords.CountAsync(_ct));
    }

    [Fact]
    public async Task TwoCopiesOfOneShotInAChunk_CountAsOneNearDuplicate_OnceCommitted()
    {
        using var index = Open();
        var signature = SignatureOf("000000000790.jpg");
        List<PhotoAnalysis> chunk = [Read(Pending(index, "first.jpg"), "a plate", Axis(0), signature),
            Read(Pending(index, "copy.jpg"), "a plate", Axis(0), signature), Read(Pending(index, "other.jpg"), "a bus", Axis(2), SignatureOf("000000062554.jpg"))];
        var analyzer = new PixelSignatureAnalyzer(new NearDuplicateOptions());
        var before = new IndexRunCounts();
        await analyzer.AfterCommitAsync(index, chunk, before, _ct);
        Assert.Equal(0, before.TallyOf(PixelSignatureAnalyzer.NearDuplicatesTally)); // nothing committed yet: nothing to repeat

        await Commit(index, chunk).RunAsync(new IndexRunCounts(), _ct);

        var after = new IndexRunCounts();
        await analyzer.AfterCommitAsync(index, chunk, after, _ct);
        Assert.Equal(1, after.TallyOf(PixelSignatureAnalyzer.NearDuplicatesTally));
    }

    [Fact]
    public async Task QueuedRemovals_AreCarriedOutInEveryStore_AndCleared()
    {
        using var index = Open();
        var (boat, bicycle) = (Pending(index, "boat.jpg"), Pending(index, "bicycle.jpg"));
        await Commit(index, [Read(boat, "a sailing boat", Axis(0), SignatureOf("000000000790.jpg")),
            Read(bicycle, "a red bicycle", Axis(1), SignatureOf("000000062554.jpg"))]).RunAsync(new IndexRunCounts(), _ct);

        index.Catalog.InTransaction(() => index.Catalog.RemovePhotos([boat.Id]));
        Assert.NotEmpty(index.Catalog.Removals(RemovalKind.Document));
        await ChunkCommit.ApplyRemovalsAsync(index, _ct);

        Assert.Null(await index.Collection("images")!.Vectors.GetVectorAsync(boat.Id, _ct));
        Assert.Equal(Axis(1), await index.Collection("images")!.Vectors.GetVectorAsync(bicycle.Id, _ct));
        Assert.Equal(1, await index.Collection("captions")!.Vectors.CountAsync(_ct));
        Assert.Equal(1, await index.Collection("pixels")!.Vectors.CountAsync(_ct));
        Assert.Empty(await HoldingAsync(index, "boat"));
        Assert.Equal([bicycle.Id], await HoldingAsync(index, "trip"));
        Assert.All((string[])["images", "captions", "pixels", RemovalKind.Document], kind => Assert.Empty(index.Catalog.Removals(kind)));
    }
}
