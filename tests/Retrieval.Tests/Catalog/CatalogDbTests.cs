using Microsoft.Data.Sqlite;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Testing;

namespace Retrieval.Tests.Catalog;

/// <summary>The catalog contract run against SQLite, and what only the SQLite file has: WAL, migrations, typed refusals.</summary>
public sealed class CatalogDbTests : Contracts.CatalogContract
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-catalog-");

    protected override ICatalog Create() => CatalogDb.Open(Path);

    protected override void Dispose(bool disposing) => _folder.Delete(recursive: true);

    private string Path => System.IO.Path.Combine(_folder.FullName, "catalog.db");

    [Fact]
    public void NewCatalog_IsMigratedToTheCurrentVersion_InWalMode()
    {
        using (var catalog = CatalogDb.Open(Path))
        {
            catalog.SetMeta("model", "m@1");
            Assert.Equal("m@1", catalog.GetMeta("model"));
        }

        Assert.Equal("wal", Raw("PRAGMA journal_mode"));
        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion1_IsMigratedToTheCurrentVersion_GainingTheDuplicateIndexAndTheTextTable()
    {
        using (CatalogDb.Open(Path))
        {
        }

        Raw(UndoVideos + "DROP INDEX photos_companion_of; ALTER TABLE photos DROP COLUMN companion_of; DROP INDEX photos_duplicate_of; DROP TABLE text_lines; ALTER TABLE photos DROP COLUMN text_read; DROP TABLE collections; DROP TABLE items; DROP TABLE fields; PRAGMA user_version = 1;");
        using (CatalogDb.Open(Path))
        {
        }

        Assert.Equal(1L, Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'photos_duplicate_of'"));
        Assert.Equal(1L, Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'text_lines'"));
        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    // Migrations 8, 7 and 6 undone: a catalog from before the analysed marks, places and videos.
    private const string UndoPeople = "DROP TABLE face_people; DROP TABLE people; ";

    private const string UndoVideos = UndoPeople +
        "DROP TABLE analysed; DROP TABLE places; DROP INDEX photos_kind; ALTER TABLE photos DROP COLUMN kind; ALTER TABLE photos DROP COLUMN duration; ALTER TABLE photos DROP COLUMN codec; ALTER TABLE photos DROP COLUMN poster_at; ";

    [Fact]
    public void CatalogAtVersion8_GainsThePeopleTables_ItsFacesBelongingToNobody()
    {
        long photo;
        using (var catalog = CatalogDb.Open(Path))
        {
            catalog.DeclareCollection(new CollectionKind("faces", 4, "face-api@1", onePerPhoto: false), reset: false);
            photo = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Indexed, PendingWork.None);
            catalog.ReplaceItems("faces", photo, ["""{"box":[1,2,40,50],"score":0.9,"points":[[1,1],[2,2],[3,3],[4,4],[5,5]],"norm":0.9}"""]);
        }

        Raw(UndoPeople + "PRAGMA user_version = 8;");
        using (var catalog = CatalogDb.Open(Path))
        {
            var face = Assert.Single(catalog.Faces());
            Assert.Equal((photo, (long?)null, (string?)null), (face.PhotoId, face.PersonId, face.State));
            Assert.Empty(catalog.People());
            Assert.Equal(1, catalog.UnassignedFaces());
            var person = catalog.AddPerson();
            catalog.DecideFace(face.Id, photo, person, FaceState.Pinned, "1,2,40,50");
            Assert.True(catalog.NamePerson(person, "Zoë Müller"));
            Assert.Equal([person], catalog.PeopleMatching("zoe"));
            Assert.Equal([person], catalog.PeopleMatching("ZOË MÜLLER"));
            Assert.Empty(catalog.PeopleMatching("zoe m"));
        }

        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion7_CountsThePhotosWithItemsAsAnalysed_AndListsTheOthers()
    {
        long captioned, plain;
        using (var catalog = CatalogDb.Open(Path))
        {
            catalog.DeclareCollection(new CollectionKind("captions", 4, "main@1", onePerPhoto: false), reset: false);
            captioned = catalog.AddPhoto(new FoundFile("/p/a.jpg", "/p", 10, 1), "h1", PhotoStatus.Indexed, PendingWork.None);
            plain = catalog.AddPhoto(new FoundFile("/p/b.jpg", "/p", 10, 1), "h2", PhotoStatus.Indexed, PendingWork.None);
            catalog.ReplaceItems("captions", captioned, ["a dog"]);
        }

        Raw(UndoPeople + "DROP TABLE analysed; PRAGMA user_version = 7;");
        using (var catalog = CatalogDb.Open(Path))
        {
            Assert.Equal([plain], catalog.PhotosNotAnalysedFor("captions"));
            Assert.Equal([captioned, plain], catalog.PhotosNotAnalysedFor("faces"));
        }

        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion6_GainsThePlacesTable_AndListsItsPositionsToPlace_UntilPlacedByTheCurrentData()
    {
        long paris, nowhere, sea;
        using (var catalog = CatalogDb.Open(Path))
        {
            paris = catalog.AddPhoto(new FoundFile("/p/paris.jpg", "/p", 10, 1), "h1", PhotoStatus.Indexed, PendingWork.None);
            nowhere = catalog.AddPhoto(new FoundFile("/p/none.jpg", "/p", 10, 1), "h2", PhotoStatus.Indexed, PendingWork.None);
            sea = catalog.AddPhoto(new FoundFile("/p/sea.jpg", "/p", 10, 1), "h3", PhotoStatus.Indexed, PendingWork.None);
            catalog.RecordContent(paris, new PhotoMetadata { Latitude = 48.8584, Longitude = 2.2945 }, [], [], []);
            catalog.RecordContent(sea, new PhotoMetadata { Latitude = -30, Longitude = -30 }, [], [], []);
        }

        Raw(UndoPeople + "DROP TABLE analysed; DROP TABLE places; PRAGMA user_version = 6;");
        using (var catalog = CatalogDb.Open(Path))
        {
            Assert.Equal([paris, sea], catalog.PositionsToPlace("v1").Select(p => p.Id));
            catalog.RecordPlace(paris, new PhotoPlace("Paris", "Paris", "Île-de-France", "France", "FR", 0.4), "v1");
            catalog.RecordPlace(sea, null, "v1");
            Assert.Empty(catalog.PositionsToPlace("v1"));
            Assert.Equal([paris, sea], catalog.PositionsToPlace("v2").Select(p => p.Id));

            var photos = catalog.Photos([paris, nowhere, sea]);
            Assert.Equal("Paris, France", photos[paris].Place?.Label);
            Assert.Null(photos[nowhere].Place);
            Assert.Null(photos[sea].Place);
            Assert.Equal([paris], catalog.PlacedPhotos().Select(p => p.Id));

            catalog.ForgetPlace(paris);
            Assert.Null(catalog.Photos([paris])[paris].Place);
        }

        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion5_GainsTheVideoColumns_ItsFilesStayingPhotos()
    {
        long id;
        using (var catalog = CatalogDb.Open(Path))
        {
            id = catalog.AddPhoto(new FoundFile("/p/IMG_0042.JPG", "/p", 10, 1), "h1", PhotoStatus.Indexed, PendingWork.None);
        }

        Raw(UndoVideos + "PRAGMA user_version = 5;");
        using (var catalog = CatalogDb.Open(Path))
        {
            var clip = catalog.AddPhoto(new FoundFile("/p/clip.mp4", "/p", 20, 1), "h2", PhotoStatus.Pending, PendingWork.All);
            catalog.RecordContent(clip, new PhotoMetadata { Kind = PhotoKind.Video, Format = "mp4", Duration = 12.5, Codec = "h264", PosterAt = 2 }, [], [], []);
            var photos = catalog.Photos([id, clip]);
            Assert.Equal((PhotoKind.Photo, (double?)null), (photos[id].Kind, photos[id].Duration));
            Assert.Equal((PhotoKind.Video, (double?)12.5, (double?)2), (photos[clip].Kind, photos[clip].Duration, photos[clip].PosterAt));
        }

        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion4_GainsTheCompanionColumn_AndKeepsItsPhotos()
    {
        long id;
        using (var catalog = CatalogDb.Open(Path))
        {
            id = catalog.AddPhoto(new FoundFile("/p/IMG_0042.JPG", "/p", 10, 1), "h1", PhotoStatus.Indexed, PendingWork.None);
        }

        Raw(UndoVideos + "DROP INDEX photos_companion_of; ALTER TABLE photos DROP COLUMN companion_of; PRAGMA user_version = 4;");
        using (var catalog = CatalogDb.Open(Path))
        {
            var raw = catalog.AddPhoto(new FoundFile("/p/IMG_0042.CR2", "/p", 20, 1), "h2", PhotoStatus.Pending, PendingWork.All);
            catalog.MakeCompanion(raw, id);
            Assert.Equal(["/p/IMG_0042.CR2"], catalog.CompanionsOf(id));
            Assert.Equal(id, catalog.KnownFiles()["/p/IMG_0042.CR2"].CompanionOf);
            Assert.Equal((1L, 1L), (catalog.Counts().Indexed, catalog.Counts().Companions));
        }

        Assert.Equal(1L, Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'photos_companion_of'"));
        Assert.Equal((long)CatalogSchema.CurrentVersion, Raw("PRAGMA user_version"));
    }

    [Fact]
    public void CatalogAtVersion3_KeepsItsCaptionVectorIdsAndQueuedRemovals_AsCollectionsOfData()
    {
        using (CatalogDb.Open(Path))
        {
        }

        // A version-3 catalog: the model in meta, caption vectors keyed by caption id, removals of the old kinds.
        Raw(UndoVideos + """
            DROP INDEX photos_companion_of; ALTER TABLE photos DROP COLUMN companion_of;
            DROP TABLE collections; DROP TABLE items; DROP TABLE fields; PRAGMA user_version = 3;
            INSERT INTO meta (key, value) VALUES ('model', 'clip@1'), ('dimension', '512');
            INSERT INTO photos (id, path, folder, root, size, mtime, status) VALUES (7, '/p/a.jpg', '/p', '/p', 1, 1, 'indexed');
            INSERT INTO captions (id, photo_id, text, source) VALUES (40, 7, 'a red kite', 'sidecar'), (41, 7, 'a beach', 'sidecar');
            INSERT INTO removals (kind, id) VALUES ('image', 3), ('caption', 12), ('document', 3);
            """);
        using var catalog = CatalogDb.Open(Path);

        Assert.Equal([("images", true), ("captions", false), ("pixels", true)], catalog.Collections().Select(c => (c.Key, c.Value)));
        Assert.Equal(("clip@1", "clip@1", null), (catalog.ModelOf("images"), catalog.ModelOf("captions"), catalog.ModelOf("pixels")));
        Assert.Equal((7L, "a beach"), catalog.Items("captions", [41])[41]);
        Assert.Equal([3L], catalog.Removals("images"));
        Assert.Equal([3L], catalog.Removals("pixels"));
        Assert.Equal([12L], catalog.Removals("captions"));
        Assert.Equal([3L], catalog.Removals(RemovalKind.Document));
        Assert.Null(catalog.GetMeta("model"));
        // New items never take an id a migrated one holds.
        Assert.True(catalog.ReplaceItems("captions", 7, ["a kite"])[0] > 41);
    }

    [Fact]
    public void CatalogFromANewerEngine_IsRefusedWithATypedError()
    {
        using (CatalogDb.Open(Path))
        {
        }

        Raw("PRAGMA user_version = 99");
        var error = Assert.Throws<CatalogSchemaException>(() => CatalogDb.Open(Path));
        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path, error.Path);
    }

    [Fact]
    public void NotACatalog_IsRefusedWithATypedError()
    {
        File.WriteAllText(Path, "this is not a database, just some text that is long enough to look like a header............");
        Assert.Equal(Path, Assert.Throws<IndexDamagedException>(() => CatalogDb.Open(Path)).Path);
        Assert.Equal(Path, Assert.Throws<IndexDamagedException>(() => CatalogDb.Open(Path, readOnly: true)).Path);
        Assert.Throws<CatalogSchemaException>(() => CatalogDb.Open(Path + ".missing", readOnly: true));
    }

    [Fact]
    public void GarbagePages_AreDamageNamingTheFile_WhenAReadMeetsThem() => AssertDamageFound(IndexDamage.GarbleCatalogPages);

    [Fact]
    public void GarbageRowsThatStillParse_AreDamageNamingTheFile() => AssertDamageFound(IndexDamage.GarbleRows);

    private void AssertDamageFound(Func<string, string> damage)
    {
        using (var catalog = CatalogDb.Open(Path))
        {
            catalog.InTransaction(() =>
            {
                for (var i = 0; i < 200; i++)
                {
                    catalog.AddPhoto(new FoundFile($"/photos/{i:D4}-a-long-enough-name-to-fill-pages.jpg", "/photos", 10, 1), $"h{i}", PhotoStatus.Pending, PendingWork.All);
                }
            });
        }

        damage(_folder.FullName);
        // The first page, the header, is intact: SQLite opens the file; the check on opening finds the damage.
        var refused = Assert.Throws<IndexDamagedException>(() => CatalogDb.Open(Path, readOnly: true));
        Assert.Equal(Path, refused.Path);
    }

    /// <summary>Runs SQL on the catalog file directly, past the engine; returns the first value of its result.</summary>
    private object? Raw(string sql)
    {
        using var raw = new SqliteConnection($"Data Source={Path};Pooling=False");
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
