using Retrieval.Catalog;

namespace Retrieval.Tests.Contracts;

/// <summary>
/// What every <see cref="ICatalog"/> must do, through the interface only: the SQLite catalog runs it
/// (<see cref="Catalog.CatalogDbTests"/>), and another catalog store inherits it unchanged, implementing <see cref="Create"/>.
/// </summary>
public abstract class CatalogContract : IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

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
        var rome = Photo(catalog, "/lib/trips/rome/1.jpg", new DateTime(2019, 6, 1), make: "NIKON");
        var paris = Photo(catalog, "/lib/trips/paris/2.jpg", new DateTime(2021, 6, 1));
        var home = Photo(catalog, "/lib/home/3.jpg", new DateTime(2022, 6, 1));
        Photo(catalog, "/lib/trips/rome/4.jpg", new DateTime(2019, 6, 1), make: "NIKON", indexed: false);
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
    public void Timeline_CountsEachMonthNewestFirst_WithItsNewestAsCover_AndTheUndatedApart()
    {
        using var catalog = Create();
        var mid = Photo(catalog, "/lib/trips/a.jpg", new DateTime(2019, 7, 14, 10, 0, 0));
        var late = Photo(catalog, "/lib/trips/b.jpg", new DateTime(2019, 7, 20, 9, 0, 0), make: "NIKON");
        Photo(catalog, "/lib/trips/c.jpg", new DateTime(2019, 7, 3));
        var may = Photo(catalog, "/lib/home/d.jpg", new DateTime(2019, 5, 1));
        var spring = Photo(catalog, "/lib/home/e.jpg", new DateTime(2021, 3, 10));
        Photo(catalog, "/lib/home/undated.jpg", null);
        Photo(catalog, "/lib/trips/pending.jpg", new DateTime(2019, 7, 25), indexed: false);

        var all = catalog.Timeline(PhotoFilter.None, _ct);
        Assert.Equal([new MonthCount(2021, 3, 1, spring), new MonthCount(2019, 7, 3, late), new MonthCount(2019, 5, 1, may)], all.Months);
        Assert.Equal((1, 6), (all.Undated, all.Total));

        // Every filter applies; a date filter lets no undated photo through.
        var trips = catalog.Timeline(new PhotoFilter { Folder = "trips", Camera = "canon" }, _ct);
        Assert.Equal([new MonthCount(2019, 7, 2, mid)], trips.Months);
        Assert.Equal(0, trips.Undated);
        Assert.Equal([new MonthCount(2021, 3, 1, spring)], catalog.Timeline(new PhotoFilter { After = new DateOnly(2020, 1, 1) }, _ct).Months);
        Assert.Equal(0, catalog.Timeline(new PhotoFilter { After = new DateOnly(2020, 1, 1) }, _ct).Undated);
        Assert.Equal([new MonthCount(2019, 5, 1, may)], catalog.Timeline(new PhotoFilter { Ids = new HashSet<long> { may } }, _ct).Months);
        Assert.Empty(catalog.Timeline(new PhotoFilter { Camera = "leica" }, _ct).Months);
    }

    [Fact]
    public void TakenIn_PagesAMonthNewestFirst_AndCountsIt()
    {
        using var catalog = Create();
        var first = Photo(catalog, "/lib/a.jpg", new DateTime(2019, 7, 1, 0, 0, 0));
        var mid = Photo(catalog, "/lib/b.jpg", new DateTime(2019, 7, 14));
        var last = Photo(catalog, "/lib/c.jpg", new DateTime(2019, 7, 31, 23, 59, 59), make: "NIKON");
        Photo(catalog, "/lib/june.jpg", new DateTime(2019, 6, 30, 23, 59, 59));
        Photo(catalog, "/lib/august.jpg", new DateTime(2019, 8, 1));
        Photo(catalog, "/lib/undated.jpg", null);

        Assert.Equal(($"{last} {mid}", 3), Listed(catalog.TakenIn(PhotoFilter.None, 2019, 7, 0, 2, _ct)));
        Assert.Equal(($"{first}", 3), Listed(catalog.TakenIn(PhotoFilter.None, 2019, 7, 2, 2, _ct)));
        Assert.Equal(("", 3), Listed(catalog.TakenIn(PhotoFilter.None, 2019, 7, 10, 2, _ct)));
        Assert.Equal(($"{mid} {first}", 2), Listed(catalog.TakenIn(new PhotoFilter { Camera = "canon" }, 2019, 7, 0, 50, _ct)));
        Assert.Equal(("", 0), Listed(catalog.TakenIn(PhotoFilter.None, 2020, 7, 0, 50, _ct)));
        Assert.Equal(("", 0), Listed(catalog.TakenIn(PhotoFilter.None, 9999, 12, 0, 50, _ct)));
    }

    [Fact]
    public void TakenOnDay_FindsThatDayInEarlierYearsOnly_NewestFirst_AFewAYear()
    {
        using var catalog = Create();
        var older = Photo(catalog, "/lib/a.jpg", new DateTime(2015, 7, 14, 8, 0, 0));
        var morning = Photo(catalog, "/lib/b.jpg", new DateTime(2019, 7, 14, 8, 0, 0));
        var evening = Photo(catalog, "/lib/c.jpg", new DateTime(2019, 7, 14, 20, 0, 0));
        var night = Photo(catalog, "/lib/d.jpg", new DateTime(2019, 7, 14, 23, 0, 0), make: "NIKON");
        Photo(catalog, "/lib/this-year.jpg", new DateTime(2024, 7, 14));
        Photo(catalog, "/lib/next-day.jpg", new DateTime(2019, 7, 15));
        var leap = Photo(catalog, "/lib/leap.jpg", new DateTime(2020, 2, 29));

        Assert.Equal([(night, 2019), (evening, 2019), (morning, 2019), (older, 2015)], catalog.TakenOnDay(PhotoFilter.None, 7, 14, 2024, 10, _ct));
        Assert.Equal([(night, 2019), (evening, 2019), (older, 2015)], catalog.TakenOnDay(PhotoFilter.None, 7, 14, 2024, 2, _ct));
        Assert.Equal([(evening, 2019), (morning, 2019), (older, 2015)], catalog.TakenOnDay(new PhotoFilter { Camera = "canon" }, 7, 14, 2024, 10, _ct));
        Assert.Equal([(older, 2015)], catalog.TakenOnDay(PhotoFilter.None, 7, 14, 2019, 10, _ct));
        Assert.Equal([(leap, 2020)], catalog.TakenOnDay(PhotoFilter.None, 2, 29, 2026, 10, _ct));
    }

    [Fact]
    public void MapCells_GridThePositions_LeavingOutTheUnplaced()
    {
        using var catalog = Create();
        var eiffel = Photo(catalog, "/lib/trips/eiffel.jpg", new DateTime(2019, 7, 14), at: (48.8584, 2.2945));
        var louvre = Photo(catalog, "/lib/trips/louvre.jpg", new DateTime(2019, 7, 15), at: (48.8606, 2.3376));
        var london = Photo(catalog, "/lib/home/london.jpg", new DateTime(2018, 1, 1), at: (51.5007, -0.1246));
        var pole = Photo(catalog, "/lib/home/pole.jpg", null, at: (90, 180));
        Photo(catalog, "/lib/home/no-fix.jpg", new DateTime(2018, 1, 2), at: (0, 0));
        Photo(catalog, "/lib/home/out-of-range.jpg", new DateTime(2018, 1, 3), at: (91, 10));
        Photo(catalog, "/lib/home/nowhere.jpg", new DateTime(2018, 1, 4));
        Photo(catalog, "/lib/trips/pending.jpg", new DateTime(2019, 7, 16), at: (48.86, 2.34), indexed: false);

        var cells = catalog.MapCells(PhotoFilter.None, 1, _ct).OrderBy(c => c.Cover).ToList();
        Assert.Equal([louvre, london, pole], cells.Select(c => c.Cover)); // Paris's newest photo is its cover
        Assert.Equal([2, 1, 1], cells.Select(c => c.Count));
        Assert.Equal((48.8595, 2.31605), (Math.Round(cells[0].Latitude, 6), Math.Round(cells[0].Longitude, 6)));
        Assert.Equal((51.5007, -0.1246), (cells[1].Latitude, cells[1].Longitude));
        // A grid coarse enough holds Paris and London in one cell (at 11 degrees, none of its edges lies between them); a filter keeps its own photos.
        Assert.Contains(catalog.MapCells(PhotoFilter.None, 11, _ct), c => c.Count == 3);
        Assert.Equal([eiffel], catalog.MapCells(new PhotoFilter { Folder = "trips", Before = new DateOnly(2019, 7, 15) }, 1, _ct).Select(c => c.Cover));
    }

    /// <summary>An indexed (or pending) photo taken at <paramref name="taken"/> by a camera of <paramref name="make"/>, at <paramref name="at"/>.</summary>
    private static long Photo(ICatalog catalog, string path, DateTime? taken, string make = "Canon", (double Latitude, double Longitude)? at = null, bool indexed = true)
    {
        var id = catalog.AddPhoto(new FoundFile(path, "/lib", 1, 1), path, PhotoStatus.Pending, PendingWork.All);
        catalog.RecordContent(id, new PhotoMetadata { TakenAt = taken, CameraMake = make, CameraModel = $"{make} X", Latitude = at?.Latitude, Longitude = at?.Longitude }, [], [], []);
        if (indexed)
        {
            catalog.MarkIndexed([id]);
        }

        return id;
    }

    /// <summary>A page's ids (as text, so pages compare by what they hold) and its total.</summary>
    private static (string Ids, long Total) Listed(PhotoPage page) => (string.Join(' ', page.Ids), page.Total);

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
