namespace Retrieval.Catalog;

/// <summary>
/// The catalog's tables, as numbered migrations applied in order inside one transaction each; the version
/// reached is SQLite's <c>user_version</c>. A catalog newer than <see cref="CurrentVersion"/> is refused,
/// never downgraded.
/// </summary>
internal static class CatalogSchema
{
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Migration <c>i</c> takes the catalog from version <c>i</c> to <c>i + 1</c>.</summary>
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        -- One row per file the walk found under a root, whatever became of it.
        -- status: indexed | pending (embedding or keywords to do) | failed (error says why) | duplicate (of duplicate_of)
        -- work: what a pending photo still needs, bits: 1 image vector, 2 caption vectors, 4 keyword document
        -- AUTOINCREMENT: ids are never reused, so a queued removal can never hit a newer photo's vectors.
        CREATE TABLE photos (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            path          TEXT NOT NULL UNIQUE,
            folder        TEXT NOT NULL,
            root          TEXT NOT NULL,
            size          INTEGER NOT NULL,
            mtime         INTEGER NOT NULL,
            sidecar       INTEGER NOT NULL DEFAULT 0,
            hash          TEXT,
            width         INTEGER,
            height        INTEGER,
            format        TEXT,
            taken_at      TEXT,
            camera_make   TEXT,
            camera_model  TEXT,
            latitude      REAL,
            longitude     REAL,
            orientation   INTEGER,
            status        TEXT NOT NULL,
            work          INTEGER NOT NULL DEFAULT 0,
            error         TEXT,
            duplicate_of  INTEGER,
            indexed_at    TEXT
        ) STRICT;
        CREATE INDEX photos_hash ON photos (hash);
        CREATE INDEX photos_status ON photos (status);
        CREATE INDEX photos_root ON photos (root);

        -- source: exif | xmp | iptc | sidecar | import
        CREATE TABLE captions (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            photo_id  INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            text      TEXT NOT NULL,
            source    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX captions_photo ON captions (photo_id);

        -- source: iptc | xmp | auto
        CREATE TABLE tags (
            id          INTEGER PRIMARY KEY,
            photo_id    INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            tag         TEXT NOT NULL,
            source      TEXT NOT NULL,
            confidence  REAL
        ) STRICT;
        CREATE INDEX tags_photo ON tags (photo_id);

        -- Captions imported with --captions, by file name; they apply to every photo of that name.
        CREATE TABLE imported_captions (
            file_name  TEXT NOT NULL,
            text       TEXT NOT NULL,
            source     TEXT NOT NULL,
            PRIMARY KEY (file_name, text)
        ) STRICT;

        -- Vector and keyword entries whose catalog rows are gone, still to remove from those stores.
        -- kind: image | caption | document
        CREATE TABLE removals (
            kind  TEXT NOT NULL,
            id    INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        ) STRICT;

        CREATE TABLE index_runs (
            id           INTEGER PRIMARY KEY,
            started_at   TEXT NOT NULL,
            finished_at  TEXT,
            roots        TEXT NOT NULL,
            found        INTEGER NOT NULL DEFAULT 0,
            added        INTEGER NOT NULL DEFAULT 0,
            changed      INTEGER NOT NULL DEFAULT 0,
            moved        INTEGER NOT NULL DEFAULT 0,
            removed      INTEGER NOT NULL DEFAULT 0,
            duplicates   INTEGER NOT NULL DEFAULT 0,
            failed       INTEGER NOT NULL DEFAULT 0,
            embedded     INTEGER NOT NULL DEFAULT 0,
            outcome      TEXT
        ) STRICT;
        """,

        // 2: removing photos looks up their duplicates; without this index each removal scanned the table (20,000
        // removals from a 121,000-photo catalog took minutes).
        """
        CREATE INDEX photos_duplicate_of ON photos (duplicate_of);
        """,

        // 3: the text read in each photo (OCR), line by line in reading order: the box's corners as JSON
        // ([x0, y0, x1, y1, x2, y2, x3, y3], the photo's pixels) and the recogniser's confidence; text_read says a
        // photo was read (with or without text found), so photos indexed before, or with --no-ocr, are read later.
        """
        CREATE TABLE text_lines (
            photo_id    INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            line        INTEGER NOT NULL,
            text        TEXT NOT NULL,
            box         TEXT NOT NULL,
            confidence  REAL NOT NULL,
            PRIMARY KEY (photo_id, line)
        ) STRICT;
        ALTER TABLE photos ADD COLUMN text_read INTEGER NOT NULL DEFAULT 0;
        """,

        // 4: collections as data. Each vector collection an analyzer declares is a row with the model its vectors are
        // made with (null until it is first written); the vectors of many-per-photo collections are items with ids of
        // their own, a photo, and a payload (a caption's text, a box, a time). Removals are queued under the
        // collection's name. Keyword fields that analyzers add (a dominant colour, a place) are rows of their own.
        // The captions' vectors keep their ids (the captions' ids) as items; the old kinds 'image' (shared by the
        // images' and the pixel signatures' collections) and 'caption' become collection names.
        """
        CREATE TABLE collections (
            name           TEXT PRIMARY KEY,
            model          TEXT,
            dimension      INTEGER,
            one_per_photo  INTEGER NOT NULL
        ) STRICT;
        INSERT INTO collections (name, model, dimension, one_per_photo)
            SELECT name, model, dimension, one FROM (
                SELECT 'images' AS name, (SELECT value FROM meta WHERE key = 'model') AS model,
                    (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dimension') AS dimension, 1 AS one
                UNION ALL SELECT 'captions', (SELECT value FROM meta WHERE key = 'model'), (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dimension'), 0
                UNION ALL SELECT 'pixels', NULL, NULL, 1)
            WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'model');
        DELETE FROM meta WHERE key IN ('model', 'dimension');

        CREATE TABLE items (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            collection  TEXT NOT NULL,
            photo_id    INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            payload     TEXT
        ) STRICT;
        CREATE INDEX items_photo ON items (photo_id, collection);
        INSERT INTO items (id, collection, photo_id, payload) SELECT id, 'captions', photo_id, text FROM captions;

        INSERT OR IGNORE INTO removals (kind, id) SELECT 'images', id FROM removals WHERE kind = 'image';
        INSERT OR IGNORE INTO removals (kind, id) SELECT 'pixels', id FROM removals WHERE kind = 'image';
        UPDATE removals SET kind = 'captions' WHERE kind = 'caption';
        DELETE FROM removals WHERE kind = 'image';

        CREATE TABLE fields (
            photo_id  INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            field     TEXT NOT NULL,
            value     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX fields_photo ON fields (photo_id);
        """,

        // 5: the other files of a shot (status 'companion'): a RAW beside the camera's JPEG, an iPhone original beside its
        // edit, pointing at the photo that stands for the shot. Indexed like duplicate_of: removing a photo looks them up.
        """
        ALTER TABLE photos ADD COLUMN companion_of INTEGER;
        CREATE INDEX photos_companion_of ON photos (companion_of);
        """,

        // 6: videos are photos of kind 'video', with their length, codec and the time of the frame that stands for them.
        """
        ALTER TABLE photos ADD COLUMN kind TEXT NOT NULL DEFAULT 'photo';
        ALTER TABLE photos ADD COLUMN duration REAL;
        ALTER TABLE photos ADD COLUMN codec TEXT;
        ALTER TABLE photos ADD COLUMN poster_at REAL;
        CREATE INDEX photos_kind ON photos (kind);
        """,

        // 7: where each photo with a position was taken, as the places analyzer named it: the town (name), the city it is
        // filed under (a district's city, else the town), region, country and its code; all null at sea. version is the
        // place data's, so photos are placed again (from the stored position, without reading them) when the data changes.
        """
        CREATE TABLE places (
            photo_id     INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
            name         TEXT,
            city         TEXT,
            region       TEXT,
            country      TEXT,
            code         TEXT,
            distance_km  REAL,
            version      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX places_where ON places (code, region, city);
        """,

        // 8: the photos the analyzer of a many-per-photo collection looked at, whatever it found: a photo without faces
        // has no face items, yet was looked at, so the faces' catch-up does not read it again on every run. A row goes
        // with the photo's items (its bytes changed, it failed, it became a companion) or its collection's model.
        """
        CREATE TABLE analysed (
            photo_id    INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            collection  TEXT NOT NULL,
            PRIMARY KEY (photo_id, collection)
        ) STRICT, WITHOUT ROWID;
        INSERT OR IGNORE INTO analysed (photo_id, collection) SELECT photo_id, collection FROM items;
        """,

        // 9: people. A person is a row with an optional name; each face (an item of the faces collection) that belongs to
        // one, or that the user said is not a person, has a face_people row. Its state says who decided: 'auto' (the
        // grouping, which may change it), 'pinned' (the user: a merge or a move, which the grouping never undoes) or
        // 'not-a-person'. The row keeps the face's box, so when a photo is read again (its face items remade) each new face
        // takes over the decision of the old face it overlaps; the photo's deletion takes its rows with it.
        """
        CREATE TABLE people (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            name      TEXT,
            name_key  TEXT,
            hidden    INTEGER NOT NULL DEFAULT 0,
            created   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX people_name_key ON people (name_key);
        CREATE TABLE face_people (
            face_id    INTEGER PRIMARY KEY,
            photo_id   INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
            person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
            state      TEXT NOT NULL,
            box        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX face_people_person ON face_people (person_id);
        CREATE INDEX face_people_photo ON face_people (photo_id);
        """,
    ];
}
