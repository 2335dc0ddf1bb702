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

    private static readonly CollectionKind Images = new("images", 4, "main@1", onePerPhoto: true);
    private static readonly CollectionKind Captions = new("captions", 4, "main@1", onePerPhoto: false);
    private static readonly CollectionKind Faces = new("faces", 8, "faces@1", onePerPhoto: false);

    /// <summary>A catalog with the three collections declared.</summary>
    private ICatalog CreateDeclared()
    {
        var catalog = Create();
        catalog.InTransaction(() => Array.ForEach([Images, Captions, Faces], c => catalog.DeclareCollection(c, reset: false)));
        return catalog;
    }

    [Fact]
    public void RemovingAPhoto_QueuesItsVectorsAndDocument_AndPromotesADuplicate()
    {
        using var catalog = CreateDeclared();
        var original = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var captions = catalog.ReplaceItems(Captions.Name, original, ["a dog"]);
        var faces = catalog.ReplaceItems(Faces.Name, original, ["{\"box\":[1,2,3,4]}", null]);
        var copy = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 10, 1), "h1", PhotoStatus.Duplicate, PendingWork.None, duplicateOf: original);
        catalog.InTransaction(() => catalog.RemovePhotos([original]));
        Assert.Equal([original], catalog.Removals(Images.Name));
        Assert.Equal([original], catalog.Removals(RemovalKind.Document));
        Assert.Equal(captions, catalog.Removals(Captions.Name));
        Assert.Equal(faces, catalog.Removals(Faces.Name));
        var heir = Assert.Single(catalog.PendingPhotos());
        Assert.Equal((copy, PendingWork.All), (heir.Id, heir.Work));
        // Ids are never reused: a new photo cannot collide with a queued removal.
        Assert.True(catalog.AddPhoto(new FoundFile("/p/c.jpg", "/p", 1, 1), "h2", PhotoStatus.Pending, PendingWork.All) > copy);
        catalog.ClearRemovals(Captions.Name, captions);
        Assert.Empty(catalog.Removals(Captions.Name));
    }

    [Fact]
    public void MakingACompanion_ForgetsWhatWasReadFromIt_AndRemovingItsPhotoPromotesIt()
    {
        using var catalog = CreateDeclared();
        var jpeg = catalog.AddPhoto(new FoundFile("/p/IMG_0042.JPG", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var raw = catalog.AddPhoto(new FoundFile("/p/IMG_0042.CR2", "/p", 20, 1), "h2", PhotoStatus.Pending, PendingWork.All);
        var captions = catalog.ReplaceItems(Captions.Name, raw, ["a dog"]);
        catalog.InTransaction(() => catalog.MakeCompanion(raw, jpeg));
        Assert.Equal([jpeg], catalog.PendingPhotos().Select(p => p.Id));
        Assert.Equal(["/p/IMG_0042.CR2"], catalog.CompanionsOf(jpeg));
        Assert.Equal([raw], catalog.Removals(Images.Name));
        Assert.Equal(captions, catalog.Removals(Captions.Name));
        Assert.Equal(1, catalog.Counts().Companions);

        catalog.InTransaction(() => catalog.RemovePhotos([jpeg]));
        var heir = Assert.Single(catalog.PendingPhotos());
        Assert.Equal((raw, PendingWork.All, null), (heir.Id, heir.Work, heir.CompanionOf));
        Assert.Equal(0, catalog.Counts().Companions);
    }

    [Fact]
    public void Content_IsReadBackByPhoto_WithItsCaptionsAndTags()
    {
        using var catalog = Create();
        var id = catalog.AddPhoto(new FoundFile("/p/trip/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Pending, PendingWork.All);
        var metadata = new PhotoMetadata { Width = 640, Height = 480, TakenAt = new DateTime(2021, 5, 2, 10, 0, 0), CameraMake = "Canon", CameraModel = "Canon EOS R5" };
        catalog.RecordContent(id, metadata, [new CaptionText("a red kite", "sidecar"), new CaptionText("a kite in the sky", "import")],
            [new TagText("kite", TagText.AutoSource, 0.8)], []);
        catalog.MarkIndexed([id]);
        var photo = catalog.Photos([id, 999])[id];
        Assert.Single(catalog.Photos([id, 999]));
        Assert.Equal(("/p/trip/a.jpg", "/p/trip", "/p", 640, 480, "Canon EOS R5", PhotoStatus.Indexed), (photo.Path, photo.Folder, photo.Root, photo.Width!.Value, photo.Height!.Value, photo.Camera, photo.Status));
        Assert.StartsWith("2021-05-02", photo.TakenAt, StringComparison.Ordinal);
        Assert.Equal(["a red kite", "a kite in the sky"], photo.Captions);
        Assert.Equal(["kite"], catalog.TagsOf([id])[id]);
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
    public void Ownership_MapsEachCollectionsIdsToTheirPhotos_WithTheirPayloads()
    {
        using var catalog = CreateDeclared();
        var a = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 1, 1), "ha", PhotoStatus.Pending, PendingWork.All);
        var b = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 1, 1), "hb", PhotoStatus.Pending, PendingWork.All);
        var ofA = catalog.ReplaceItems(Captions.Name, a, ["one", "two"]);
        var ofB = catalog.ReplaceItems(Captions.Name, b, ["three"]);
        var faceOfA = catalog.ReplaceItems(Faces.Name, a, ["box"]);
        Assert.Equal(new Dictionary<long, long> { [ofA[0]] = a, [ofA[1]] = a, [ofB[0]] = b }, catalog.PhotosOfItems(Captions, [.. ofA, .. ofB, .. faceOfA, 12345]));
        Assert.Equal((a, "two"), catalog.Items(Captions.Name, [ofA[1]])[ofA[1]]);
        var items = catalog.ItemsOfPhotos(Captions, [a, b, 999]);
        Assert.Equal(ofA, items[a]);
        Assert.Equal(ofB, items[b]);
        Assert.False(items.ContainsKey(999));
        Assert.Equal(faceOfA, catalog.ItemsOfPhotos(Faces, [a, b])[a]);
        Assert.Equal(new Dictionary<long, long> { [a] = a, [b] = b }, catalog.PhotosOfItems(Images, [a, b]));
        Assert.Equal([a], catalog.ItemsOfPhotos(Images, [a])[a]);

        // Replacing a photo's items queues the old ones' vectors; ids are never reused.
        var again = catalog.ReplaceItems(Captions.Name, a, ["uno"]);
        Assert.Equal(ofA, catalog.Removals(Captions.Name));
        Assert.True(again[0] > faceOfA[0]);
        Assert.Equal([again[0]], catalog.ItemsOfPhotos(Captions, [a])[a]);
    }

    [Fact]
    public void APhotoAnalysedWithNothingFound_IsNotListedAgain_UntilItsBytesChangeOrTheModelDoes()
    {
        using var catalog = CreateDeclared();
        var faceless = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 1, 1), "ha", PhotoStatus.Pending, PendingWork.All);
        var portrait = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 1, 1), "hb", PhotoStatus.Pending, PendingWork.All);
        var unread = catalog.AddPhoto(new FoundFile("/p/c.jpg", "/p", 1, 1), "hc", PhotoStatus.Pending, PendingWork.All);
        catalog.MarkIndexed([faceless, portrait, unread]);
        Assert.Equal([faceless, portrait, unread], catalog.PhotosNotAnalysedFor(Faces.Name));

        catalog.ReplaceItems(Faces.Name, faceless, []);
        catalog.ReplaceItems(Faces.Name, portrait, ["box"]);
        Assert.Equal([unread], catalog.PhotosNotAnalysedFor(Faces.Name));
        Assert.Equal([faceless, portrait, unread], catalog.PhotosNotAnalysedFor(Captions.Name));

        // New bytes: what was found in the old ones goes, and the photo is to be looked at again once indexed.
        catalog.InTransaction(() => catalog.MarkChanged(faceless, new FoundFile("/p/a.jpg", "/p", 2, 2), "ha2", PhotoStatus.Pending, PendingWork.All));
        catalog.MarkIndexed([faceless]);
        Assert.Equal([faceless, unread], catalog.PhotosNotAnalysedFor(Faces.Name));

        // Another model: every photo is looked at again.
        catalog.InTransaction(() => catalog.DeclareCollection(new CollectionKind("faces", 8, "faces@2", onePerPhoto: false), reset: false));
        catalog.MarkIndexed([faceless, portrait, unread]);
        Assert.Equal([faceless, portrait, unread], catalog.PhotosNotAnalysedFor(Faces.Name));
    }

    [Fact]
    public void ACollectionOfAnotherModel_IsResetAlone_AndEveryPhotoAnalysedAgain()
    {
        using var catalog = CreateDeclared();
        var a = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 1, 1), "ha", PhotoStatus.Pending, PendingWork.All);
        catalog.MarkIndexed([a]);
        var captions = catalog.ReplaceItems(Captions.Name, a, ["one"]);
        catalog.ReplaceItems(Faces.Name, a, ["box"]);
        Assert.Equal([("images", true), ("captions", false), ("faces", false)],
            catalog.Collections().Where(c => c.Key is "images" or "captions" or "faces").Select(c => (c.Key, c.Value)));
        Assert.Equal(("main@1", "faces@1"), (catalog.ModelOf(Images.Name), catalog.ModelOf(Faces.Name)));

        Assert.False(catalog.InTransaction(() => catalog.DeclareCollection(Faces, reset: false)));
        Assert.Equal(0, catalog.Counts().Pending);
        Assert.True(catalog.InTransaction(() => catalog.DeclareCollection(new CollectionKind("faces", 8, "faces@2", onePerPhoto: false), reset: false)));

        Assert.Equal(("main@1", "faces@2"), (catalog.ModelOf(Images.Name), catalog.ModelOf(Faces.Name)));
        Assert.Empty(catalog.ItemsOfPhotos(Faces, [a]));
        Assert.Equal(captions, catalog.ItemsOfPhotos(Captions, [a])[a]);
        Assert.Equal(PendingWork.Image | PendingWork.Captions, Assert.Single(catalog.PendingPhotos()).Work & (PendingWork.Image | PendingWork.Captions));
    }

    [Fact]
    public void KeywordFieldsAndAnalyzerTags_AreReplacedBySource_AndMetadataLeavesThemAlone()
    {
        using var catalog = Create();
        var id = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 1, 1), "ha", PhotoStatus.Pending, PendingWork.All);
        catalog.RecordContent(id, new PhotoMetadata(), [], [new TagText("holiday", "iptc", null)], ["auto"]);
        catalog.ReplaceTags(id, "auto", [new TagText("dog", "auto", 0.9)]);
        catalog.ReplaceField(id, "colour", ["red"]);
        catalog.ReplaceField(id, "place", ["Lisbon", "Portugal"]);

        catalog.RecordContent(id, new PhotoMetadata(), [], [new TagText("summer", "iptc", null)], ["auto"]);
        catalog.ReplaceField(id, "colour", ["blue"]);

        Assert.Equal(["dog", "summer"], catalog.TagsOf([id])[id].Order());
        Assert.Equal([("place", "Lisbon"), ("place", "Portugal"), ("colour", "blue")], catalog.FieldsOf([id, 999])[id]);
        catalog.MarkFailed(id, "gone bad");
        Assert.Empty(catalog.FieldsOf([id]));
    }

    [Fact]
    public void SearchableIds_KeepOnlyIndexedPhotosThatMeetEveryCondition()
    {
        using var catalog = Create();
        long Photo(string path, int year, string make, bool indexed = true)
        {
            var id = catalog.AddPhoto(new FoundFile(path, "/lib", 1, 1), path, PhotoStatus.Pending, PendingWork.All);
            catalog.RecordContent(id, new PhotoMetadata { TakenAt = new DateTime(year, 6, 1), CameraMake = make, CameraModel = $"{make} X" }, [], [], []);
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
