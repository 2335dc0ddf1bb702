using Retrieval.Catalog;

namespace Retrieval.Tests.Contracts;

/// <summary>
/// What every <see cref="ICatalog"/> must do, through the interface only: the SQLite catalog runs it
/// (<see cref="Catalog.CatalogDbTests"/>), and another catalog store inherits it unchanged, implementing <see cref="Create"/>.
/// </summary>
public abstract class CatalogContract : IDisposable
{
    /// <summary>A new, empty catalog (one per test).</summary>
    protected abstract ICatalog Create();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the test made.</summary>
    protected abstract void Dispose(bool disposing);

    [Fact]
    public void RemovingAPhoto_QueuesItsVectorsAndDocument_AndPromotesADuplicate()
    {
        using var catalog = Create();
        var original = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var captions = catalog.RecordContent(original, new PhotoMetadata(), [new CaptionText("a dog", "sidecar")], []);
        var copy = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 10, 1), "h1", PhotoStatus.Duplicate, PendingWork.None, duplicateOf: original);
        catalog.InTransaction(() => catalog.RemovePhotos([original]));
        Assert.Equal([original], catalog.Removals(RemovalKind.Image));
        Assert.Equal([original], catalog.Removals(RemovalKind.Document));
        Assert.Equal(captions, catalog.Removals(RemovalKind.Caption));
        var heir = Assert.Single(catalog.PendingPhotos());
        Assert.Equal((copy, PendingWork.All), (heir.Id, heir.Work));
        // Ids are never reused: a new photo cannot collide with a queued removal.
        Assert.True(catalog.AddPhoto(new FoundFile("/p/c.jpg", "/p", 1, 1), "h2", PhotoStatus.Pending, PendingWork.All) > copy);
        catalog.ClearRemovals(RemovalKind.Caption, captions);
        Assert.Empty(catalog.Removals(RemovalKind.Caption));
    }

    [Fact]
    public void Content_IsReadBackByPhoto_WithItsCaptionsAndTags()
    {
        using var catalog = Create();
        var id = catalog.AddPhoto(new FoundFile("/p/trip/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var metadata = new PhotoMetadata { Width = 640, Height = 480, TakenAt = new DateTime(2021, 5, 2, 10, 0, 0), CameraMake = "Canon", CameraModel = "Canon EOS R5" };
        var captions = catalog.RecordContent(id, metadata, [new CaptionText("a red kite", "sidecar"), new CaptionText("a kite in the sky", "import")],
            [new TagText("kite", TagText.AutoSource, 0.8)]);
        catalog.MarkIndexed([id]);
        var photo = catalog.Photos([id, 999])[id];
        Assert.Single(catalog.Photos([id, 999]));
        Assert.Equal(("/p/trip/a.jpg", "/p/trip", "/p", 640, 480, "Canon EOS R5", PhotoStatus.Indexed), (photo.Path, photo.Folder, photo.Root, photo.Width!.Value, photo.Height!.Value, photo.Camera, photo.Status));
        Assert.StartsWith("2021-05-02", photo.TakenAt, StringComparison.Ordinal);
        Assert.Equal(["a red kite", "a kite in the sky"], photo.Captions);
        Assert.Equal(["kite"], catalog.TagsOf([id])[id]);
        Assert.Equal((id, "a kite in the sky"), catalog.Captions([captions[1]])[captions[1]]);
        Assert.Equal([(captions[0], "a red kite"), (captions[1], "a kite in the sky")], catalog.CaptionsOf(id));
        Assert.Equal(new CatalogCounts(1, 0, 0, 0, 2, 1), catalog.Counts());
        Assert.Equal(["/p"], catalog.Roots());
        Assert.Equal([id], catalog.PhotoIdsUnder("/p/trip"));
        Assert.Empty(catalog.PhotoIdsUnder("/p/tri"));
    }

    [Fact]
    public void TextInAPhoto_IsReadBackInReadingOrder_ReplacedWhenReadAgain_AndGoesWithThePhoto()
    {
        using var catalog = Create();
        var id = catalog.AddPhoto(new FoundFile("/p/shot.png", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var box = new TextBox(10.5f, 20, 110, 20, 110, 40.25f, 10.5f, 40.25f);
        catalog.RecordText(id, [new TextLine("Booking QX42", box, 0.97f), new TextLine("今天晚上我们去吃火锅吧", box with { Y0 = 50 }, 0.88f)]);
        var lines = catalog.TextOf([id, 999])[id];
        Assert.Single(catalog.TextOf([id, 999]));
        Assert.Equal(["Booking QX42", "今天晚上我们去吃火锅吧"], lines.Select(l => l.Text));
        Assert.Equal(box, lines[0].Box);
        Assert.Equal(50f, lines[1].Box.Y0);
        Assert.Equal(0.88f, lines[1].Confidence, 1e-6f);

        catalog.RecordText(id, [new TextLine("read again", box, 0.9f)]);
        Assert.Equal(["read again"], catalog.TextOf([id])[id].Select(l => l.Text));
        catalog.RecordText(id, []);
        Assert.Empty(catalog.TextOf([id]));
    }

    [Fact]
    public void Ownership_MapsEachCollectionsIdsToTheirPhotos()
    {
        using var catalog = Create();
        var a = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 1, 1), "ha", PhotoStatus.Pending, PendingWork.All);
        var b = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 1, 1), "hb", PhotoStatus.Pending, PendingWork.All);
        var ofA = catalog.RecordContent(a, new PhotoMetadata(), [new CaptionText("one", "s"), new CaptionText("two", "s")], []);
        var ofB = catalog.RecordContent(b, new PhotoMetadata(), [new CaptionText("three", "s")], []);
        Assert.Equal(new Dictionary<long, long> { [ofA[0]] = a, [ofA[1]] = a, [ofB[0]] = b }, catalog.PhotosOfItems(CollectionKind.Captions, [.. ofA, .. ofB, 12345]));
        var items = catalog.ItemsOfPhotos(CollectionKind.Captions, [a, b, 999]);
        Assert.Equal(ofA, items[a]);
        Assert.Equal(ofB, items[b]);
        Assert.False(items.ContainsKey(999));
        Assert.Equal(new Dictionary<long, long> { [a] = a, [b] = b }, catalog.PhotosOfItems(CollectionKind.Images, [a, b]));
        Assert.Equal([a], catalog.ItemsOfPhotos(CollectionKind.Images, [a])[a]);
    }

    [Fact]
    public void SearchableIds_KeepOnlyIndexedPhotosThatMeetEveryCondition()
    {
        using var catalog = Create();
        long Photo(string path, int year, string make, bool indexed = true)
        {
            var id = catalog.AddPhoto(new FoundFile(path, "/lib", 1, 1), path, PhotoStatus.Pending, PendingWork.All);
            catalog.RecordContent(id, new PhotoMetadata { TakenAt = new DateTime(year, 6, 1), CameraMake = make, CameraModel = $"{make} X" }, [], []);
            if (indexed)
            {
                catalog.MarkIndexed([id]);
            }

            return id;
        }

        var rome = Photo("/lib/trips/rome/1.jpg", 2019, "NIKON");
        var paris = Photo("/lib/trips/paris/2.jpg", 2021, "Canon");
        var home = Photo("/lib/home/3.jpg", 2022, "Canon");
        Photo("/lib/trips/rome/4.jpg", 2019, "NIKON", indexed: false);
        Assert.Equal([rome, paris, home], catalog.SearchableIds(PhotoFilter.None).Order());
        Assert.Equal([rome], catalog.SearchableIds(new PhotoFilter { Folder = "rome" }));
        Assert.Equal([rome, paris], catalog.SearchableIds(new PhotoFilter { Folder = "lib/trips" }).Order());
        Assert.Equal([paris, home], catalog.SearchableIds(new PhotoFilter { After = new DateOnly(2020, 1, 1) }).Order());
        Assert.Equal([rome], catalog.SearchableIds(new PhotoFilter { Before = new DateOnly(2020, 1, 1) }));
        Assert.Equal([home], catalog.SearchableIds(new PhotoFilter { Camera = "canon", Folder = "home" }));
        Assert.Equal([paris], catalog.SearchableIds(new PhotoFilter { Camera = "canon", Ids = new HashSet<long> { rome, paris } }));
        Assert.Empty(catalog.SearchableIds(new PhotoFilter { Camera = "leica" }));
    }

    [Fact]
    public void Settings_AndRuns_AreKept()
    {
        using var catalog = Create();
        Assert.Null(catalog.GetMeta("model"));
        catalog.SetMeta("model", "m@1");
        catalog.SetMeta("model", "m@2");
        Assert.Equal("m@2", catalog.GetMeta("model"));
        Assert.Null(catalog.LastRun());
        var run = catalog.StartRun(["/p"]);
        Assert.Null(catalog.LastRun()!.Value.Finished);
        catalog.FinishRun(run, new IndexRunCounts { Found = 3 }, "completed");
        Assert.Equal("completed", catalog.LastRun()!.Value.Outcome);
    }
}
