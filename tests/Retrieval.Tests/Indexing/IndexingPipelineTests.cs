using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Search;
using Retrieval.Testing;

namespace Retrieval.Tests.Indexing;

/// <summary>The indexer on real photos: a first run, a run with nothing to do, and exactly the changes made between runs.</summary>
public sealed class IndexingPipelineTests : IDisposable
{
    private readonly IndexFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task FlickrAndCoco_IndexOnce_ThenOnlyWhatChangedIsApplied()
    {
        var flickr = _fixture.CopyPhotos(IndexFixture.FlickrImages, "flickr");
        var coco = _fixture.CopyPhotos(IndexFixture.CocoImages, "coco");
        using var model = IndexFixture.LoadModel();

        var first = await _fixture.IndexAsync(model, IndexFixture.FlickrCaptions);
        await _fixture.IndexAsync(model, IndexFixture.CocoCaptions); // a second caption source, imported later
        Assert.Equal(1051, first.Found);
        Assert.Equal(1051, first.Added);
        Assert.Equal(1051, first.Embedded);
        using (var index = PhotoIndex.OpenForReading(_fixture.Paths))
        {
            var counts = index.Catalog.Counts();
            Assert.Equal(1051, counts.Indexed);
            Assert.Equal(5 * 1051, counts.Captions);
            Assert.Equal(1051, index.Images!.Count);
            Assert.Equal(5 * 1051, index.Captions!.Count);
            Assert.Equal(1051, await index.Keywords.CountAsync(_ct));
        }

        var again = await _fixture.IndexAsync(model);
        Assert.Equal((1051, 0, 0, 0, 0, 0, 0), (again.Found, again.Added, again.Changed, again.Moved, again.Removed, again.Embedded, again.Failed));

        // Modify one, delete one, rename one, duplicate one, add one, touch one (same bytes, new time).
        File.Copy(coco[1], flickr[0], overwrite: true);
        File.Delete(flickr[1]);
        var renamed = Path.Combine(Path.GetDirectoryName(flickr[2])!, "renamed beach day.jpg");
        File.Move(flickr[2], renamed);
        var duplicate = Path.Combine(_fixture.Photos, "copy of " + Path.GetFileName(coco[3]));
        File.Copy(coco[3], duplicate);
        var added = Path.Combine(_fixture.Photos, "new.jpg");
        PhotoMosaic.Write(added, 320, 240, PhotoMosaic.SamplePhotos()); // bytes in no dataset
        File.SetLastWriteTimeUtc(flickr[5], DateTime.UtcNow.AddMinutes(5));

        var changes = await _fixture.IndexAsync(model);
        Assert.Equal((1052, 1, 1, 1, 1, 1, 0), (changes.Found, changes.Added, changes.Changed, changes.Moved, changes.Removed, changes.Duplicates, changes.Failed));
        Assert.Equal(2, changes.Embedded); // the modified and the new photo; the moved one is not embedded again

        using (var index = PhotoIndex.OpenForReading(_fixture.Paths))
        {
            var counts = index.Catalog.Counts();
            Assert.Equal(1051 - 1 + 1, counts.Indexed);
            Assert.Equal(1, counts.Duplicates);
            Assert.Equal(counts.Indexed, index.Images!.Count);
            Assert.Equal(counts.Indexed, await index.Keywords.CountAsync(_ct));
            Assert.Equal(counts.Captions, index.Captions!.Count);
            Assert.Equal([(duplicate, coco[3])], index.Catalog.Duplicates());

            // The renamed photo kept its id and captions, and its new name is searchable.
            var searcher = new PhotoSearcher(index, new SearchOptions());
            var byName = await searcher.SearchAsync(new PhotoQuery("renamed beach day", null, null), 5, SearchMode.Keyword, _ct);
            Assert.Equal(renamed, byName[0].Path);
            Assert.NotNull(byName[0].Caption);
            var ids = index.Catalog.PhotoIdsUnder(flickr[1]);
            Assert.Empty(ids);
        }
    }

    [Fact]
    public async Task AnotherModel_IsRefused_UnlessReembed()
    {
        _fixture.CopyPhotos(IndexFixture.CocoImages, "coco", 5);
        using var model = IndexFixture.LoadModel();
        await _fixture.IndexAsync(model);
        var error = Assert.Throws<Errors.RetrievalException>(() => PhotoIndex.OpenForWriting(_fixture.Paths, "other-model@0", model.Dimension, reembed: false));
        Assert.Contains("--reembed", error.Message, StringComparison.Ordinal);
        var rebuilt = await _fixture.IndexAsync(model, reembed: true);
        Assert.Equal(5, rebuilt.Embedded);
    }
}
