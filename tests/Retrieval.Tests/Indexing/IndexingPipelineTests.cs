using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Vectors;

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
        using var model = TestModels.Tiny();

        var first = await _fixture.IndexAsync(model, IndexFixture.FlickrCaptions);
        await _fixture.IndexAsync(model, IndexFixture.CocoCaptions); // a second caption source, imported later
        Assert.Equal(1051, first.Found);
        Assert.Equal(1051, first.Added);
        Assert.Equal(1051, first.Embedded);
        using (var index = _fixture.Backend.OpenForReading())
        {
            var counts = index.Catalog.Counts();
            Assert.Equal(1051, counts.Indexed);
            Assert.Equal(5 * 1051, counts.Captions);
            Assert.Equal(1051, await Count(index.Collection(Embedding.EmbeddingCollections.Images)));
            Assert.Equal(5 * 1051, await Count(index.Collection(Embedding.EmbeddingCollections.Captions)));
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

        using (var index = _fixture.Backend.OpenForReading())
        {
            var counts = index.Catalog.Counts();
            Assert.Equal(1051 - 1 + 1, counts.Indexed);
            Assert.Equal(1, counts.Duplicates);
            Assert.Equal(counts.Indexed, await Count(index.Collection(Embedding.EmbeddingCollections.Images)));
            Assert.Equal(counts.Indexed, await index.Keywords.CountAsync(_ct));
            Assert.Equal(counts.Captions, await Count(index.Collection(Embedding.EmbeddingCollections.Captions)));
            Assert.Equal([(duplicate, coco[3])], index.Catalog.Duplicates().Select(d => (d.Path, d.Original)));

            // The renamed photo kept its id and captions, and its new name is searchable.
            var searcher = new PhotoSearcher(index, new SearchOptions());
            var byName = (await searcher.SearchAsync(Keywords("renamed beach day", 5), _ct)).Hits;
            Assert.Equal(renamed, byName[0].Path);
            Assert.NotNull(byName[0].Caption);
            var ids = index.Catalog.PhotoIdsUnder(flickr[1]);
            Assert.Empty(ids);
        }
    }

    [Fact]
    public async Task RemovedPhotosVectors_AreCompactedAway_OnceTheyPassTheShare()
    {
        var photos = _fixture.CopyPhotos(IndexFixture.FlickrImages, "flickr", count: 20);
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model, IndexFixture.FlickrCaptions);
        var captions = Slots("captions").Live;

        File.Delete(photos[0]); // 1 of 20 slots dead: under the default 20 %, left alone
        await _fixture.IndexAsync(model);
        Assert.Equal((19L, 20L), Slots("images"));
        Assert.True(Slots("captions").Slots > Slots("captions").Live);

        photos.Skip(1).Take(9).ToList().ForEach(File.Delete);
        await _fixture.IndexAsync(model);
        foreach (var collection in (string[])["images", "pixels", "captions"])
        {
            var (live, slots) = Slots(collection);
            Assert.Equal(live, slots);
        }

        Assert.Equal(10, Slots("images").Live);
        Assert.Equal(captions / 2, Slots("captions").Live);
    }

    [Fact]
    public async Task MetadataSidecarsAndNames_BecomeCaptionsTagsAndKeywords()
    {
        var trip = Directory.CreateDirectory(Path.Combine(_fixture.Photos, "Summer Trip")).FullName;
        var tagged = Path.Combine(trip, "IMG_2041-canalRide.jpg");
        File.Copy(Path.Combine(RepositoryPaths.TestData, "metadata", "tagged.jpg"), tagged);
        var coco = _fixture.CopyPhotos(IndexFixture.CocoImages, "party", 2);
        File.WriteAllLines(coco[0] + ".txt", ["A birthday party with a chocolate cake", "", "  Family dinner  "]);
        File.WriteAllText(Path.ChangeExtension(coco[1], ".txt"), "Plates of food on a wooden table");
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model);

        using var index = _fixture.Backend.OpenForReading();
        var ids = index.Catalog.PhotoIdsUnder(tagged);
        var photo = index.Catalog.Photos(ids)[ids[0]];
        Assert.Equal(["Bicycle by the canal at dusk", "A red bicycle leaning on a lamp post by the canal", "Evening ride along the Prinsengracht"], photo.Captions);
        Assert.Equal(["canal", "evening", "bicycle", "Amsterdam"], index.Catalog.TagsOf(ids)[ids[0]]);
        Assert.Equal("2021-07-04T18:30:05", photo.TakenAt);
        Assert.Equal("FUJIFILM X-T3", photo.Camera);
        Assert.Equal((160, 106), (photo.Width, photo.Height));
        Assert.Equal(["A birthday party with a chocolate cake", "Family dinner"], index.Catalog.Photos([.. index.Catalog.PhotoIdsUnder(coco[0])]).Single().Value.Captions);

        var searcher = new PhotoSearcher(index, new SearchOptions());
        foreach (var (words, expected) in ((string, string)[])[
            ("amsterdam", tagged), ("Prinsengracht", tagged), ("canal ride", tagged), ("summer trip", tagged), ("fujifilm", tagged),
            ("birthday cakes", coco[0]), ("wooden tables", coco[1])])
        {
            var hits = (await searcher.SearchAsync(Keywords(words, 3), _ct)).Hits;
            Assert.True(hits.Count > 0 && hits[0].Path == expected, $"'{words}' should find {expected} first, found {string.Join(", ", hits.Select(h => h.Path))}");
        }
    }

    [Fact]
    public async Task FilesVanishingOrTruncatedMidRun_AreRecordedAndTheRunGoesOn()
    {
        var photos = _fixture.CopyPhotos(IndexFixture.CocoImages, "coco", 10);
        using var model = TestModels.Tiny();
        // Once the scan has recorded every file, and before any is read: one vanishes, one is cut short.
        var struck = false;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == IndexPhase.Scanning && !struck)
            {
                struck = true;
                File.Delete(photos[3]);
                using var cut = new FileStream(photos[5], FileMode.Open);
                cut.SetLength(cut.Length / 2);
            }
        });
        var counts = await _fixture.IndexAsync(model, progress: progress);
        Assert.True(struck);
        Assert.Equal((10, 8, 2), (counts.Found, counts.Embedded, counts.Failed));
        using (var index = _fixture.Backend.OpenForReading())
        {
            var failures = index.Catalog.Failures().ToDictionary(f => f.Path, f => f.Reason);
            Assert.Contains("does not exist", failures[photos[3]], StringComparison.Ordinal);
            Assert.Contains("truncated", failures[photos[5]], StringComparison.Ordinal);
            Assert.Equal(8, index.Catalog.Counts().Indexed);
            Assert.Equal(8, await Count(index.Collection(Embedding.EmbeddingCollections.Images)));
        }

        // The next run forgets the vanished file and keeps the cut one as failed.
        var next = await _fixture.IndexAsync(model);
        Assert.Equal((9, 1, 0), (next.Found, next.Removed, next.Embedded));
        using var after = _fixture.Backend.OpenForReading();
        Assert.Equal([photos[5]], after.Catalog.Failures().Select(f => f.Path));
    }

    [Fact]
    public async Task SidecarAddedChangedOrRemovedLater_RedoesThatPhotosCaptionsOnly()
    {
        var photos = _fixture.CopyPhotos(IndexFixture.CocoImages, "coco", 3);
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model);
        string[] Captions()
        {
            using var index = _fixture.Backend.OpenForReading();
            return [.. index.Catalog.Photos(index.Catalog.PhotoIdsUnder(photos[1])).Single().Value.Captions];
        }

        Assert.Empty(Captions());
        File.WriteAllText(photos[1] + ".txt", "A mountain lake at sunrise");
        var added = await _fixture.IndexAsync(model);
        Assert.Equal((1, 0), (added.Changed, added.Embedded)); // captions redone, the image not embedded again
        Assert.Equal(["A mountain lake at sunrise"], Captions());

        File.WriteAllText(photos[1] + ".txt", "Two kayaks on a calm lake");
        File.SetLastWriteTimeUtc(photos[1] + ".txt", DateTime.UtcNow.AddMinutes(1));
        await _fixture.IndexAsync(model);
        Assert.Equal(["Two kayaks on a calm lake"], Captions());
        using (var index = _fixture.Backend.OpenForReading())
        {
            var hits = (await new PhotoSearcher(index, new SearchOptions()).SearchAsync(Keywords("kayaks", 3), _ct)).Hits;
            Assert.Equal([photos[1]], hits.Select(h => h.Path));
            Assert.Equal(index.Catalog.Counts().Captions, await Count(index.Collection(Embedding.EmbeddingCollections.Captions))); // the replaced caption's vector is gone
        }

        File.Delete(photos[1] + ".txt");
        await _fixture.IndexAsync(model);
        Assert.Empty(Captions());
    }

    [Fact]
    public async Task AnotherModel_IsRefused_UnlessReembed()
    {
        _fixture.CopyPhotos(IndexFixture.CocoImages, "coco", 5);
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model);
        var error = Assert.Throws<Errors.ModelMismatchException>(() => _fixture.Backend.OpenForWriting([new Retrieval.Catalog.CollectionKind(Embedding.EmbeddingCollections.Images, model.Dimension, "other-model@0", onePerPhoto: true)], reembed: false));
        Assert.Contains("--reembed", error.Message, StringComparison.Ordinal);
        var rebuilt = await _fixture.IndexAsync(model, reembed: true);
        Assert.Equal(5, rebuilt.Embedded);
    }

    /// <summary>Reports on the reporting thread, at once (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }

    private static SearchRequest Keywords(string words, int k) =>
        new() { Query = new ParsedQuery { Text = words }, Mode = SearchMode.Keyword, K = k };

    private static async Task<long> Count(Backends.PhotoVectors? collection) =>
        collection is null ? 0 : await collection.Vectors.CountAsync(TestContext.Current.CancellationToken);

    /// <summary>A collection's live vectors and its slots, dead ones included, as a reader finds them on disk.</summary>
    private (long Live, long Slots) Slots(string collection)
    {
        using var store = VectorStore.OpenReadOnly(Path.Combine(_fixture.Paths.Vectors, collection));
        return (store.Count, store.SlotCount);
    }
}
