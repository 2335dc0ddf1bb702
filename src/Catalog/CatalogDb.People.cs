using System.Globalization;
using Retrieval.People;

namespace Retrieval.Catalog;

/// <summary>People: the <c>people</c> rows and the <c>face_people</c> decisions over the faces collection's items.</summary>
public sealed partial class CatalogDb
{
    // A face joined to its decision, for indexed photos only: a failed or pending photo's faces wait.
    private const string FaceRows = """
        SELECT items.id, items.photo_id, items.payload, face_people.person_id, face_people.state
        FROM items JOIN photos ON photos.id = items.photo_id AND photos.status = 'indexed'
        LEFT JOIN face_people ON face_people.face_id = items.id
        WHERE items.collection = 'faces'
        """;

    // A person with its counts and cover (its largest face); hidden people too: the caller decides.
    private const string PersonRows = """
        SELECT people.id, people.name, people.hidden, count(items.id), count(DISTINCT items.photo_id),
            (SELECT cover.id FROM items AS cover JOIN face_people AS decided ON decided.face_id = cover.id
             WHERE decided.person_id = people.id AND decided.state <> 'not-a-person'
             ORDER BY json_extract(cover.payload, '$.box[2]') * json_extract(cover.payload, '$.box[3]') DESC, cover.id LIMIT 1)
        FROM people
        JOIN face_people ON face_people.person_id = people.id AND face_people.state <> 'not-a-person'
        JOIN items ON items.id = face_people.face_id
        JOIN photos ON photos.id = items.photo_id AND photos.status = 'indexed'
        """;

    /// <inheritdoc />
    public IReadOnlyList<StoredFace> Faces() => ReadFaces(FaceRows + " ORDER BY items.id");

    /// <inheritdoc />
    public IReadOnlyList<StoredFace> FacesOfPhoto(long photoId) =>
        ReadFaces(FaceRows + " AND items.photo_id = $photo ORDER BY items.id", ("$photo", photoId));

    /// <inheritdoc />
    public IReadOnlyList<StoredFace> FacesOfPerson(long personId) =>
        ReadFaces(FaceRows + " AND face_people.person_id = $person AND face_people.state <> 'not-a-person' ORDER BY photos.taken_at DESC, items.id", ("$person", personId));

    /// <inheritdoc />
    public IReadOnlyList<PersonSummary> People() => ReadPeople(PersonRows + " GROUP BY people.id ORDER BY count(items.id) DESC, people.id");

    /// <inheritdoc />
    public PersonSummary? Person(long id) => ReadPeople(PersonRows + " WHERE people.id = $id GROUP BY people.id", ("$id", id)) is [var person] ? person : null;

    /// <inheritdoc />
    public IReadOnlyList<long> PhotosOfPerson(long id) => Ids("""
        SELECT photos.id FROM photos
        WHERE photos.status = 'indexed' AND EXISTS (
            SELECT 1 FROM face_people JOIN items ON items.id = face_people.face_id
            WHERE face_people.photo_id = photos.id AND face_people.person_id = $id AND face_people.state <> 'not-a-person')
        ORDER BY photos.taken_at IS NULL, photos.taken_at DESC, photos.id DESC
        """, ("$id", id));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, List<PersonRef>> PeopleIn(IReadOnlyCollection<long> photoIds)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        var people = new Dictionary<long, List<PersonRef>>();
        if (photoIds.Count == 0)
        {
            return people;
        }

        // Named people first, then by id; a person once per photo however many of their faces it holds.
        using var command = Command($"""
            SELECT DISTINCT face_people.photo_id, people.id, people.name
            FROM face_people JOIN people ON people.id = face_people.person_id JOIN items ON items.id = face_people.face_id
            WHERE face_people.photo_id IN ({InList(photoIds)}) AND face_people.state <> 'not-a-person' AND people.hidden = 0
            ORDER BY face_people.photo_id, people.name IS NULL, people.name, people.id
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var photo = reader.GetInt64(0);
            if (!people.TryGetValue(photo, out var inPhoto))
            {
                people[photo] = inPhoto = [];
            }

            inPhoto.Add(new PersonRef(reader.GetInt64(1), NullableText(reader, 2)));
        }

        return people;
    }

    /// <inheritdoc />
    public IReadOnlyList<PersonRef> NamedPeople()
    {
        using var command = Command("""
            SELECT id, name FROM people
            WHERE name IS NOT NULL AND hidden = 0
              AND EXISTS (SELECT 1 FROM face_people WHERE face_people.person_id = people.id AND face_people.state <> 'not-a-person')
            ORDER BY id
            """);
        using var reader = command.ExecuteReader();
        var people = new List<PersonRef>();
        while (reader.Read())
        {
            people.Add(new PersonRef(reader.GetInt64(0), reader.GetString(1)));
        }

        return people;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> PeopleMatching(string asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        // A number is a person's id (the page's links to unnamed people); a name matches whole or by its first word. A
        // person whose last photo was removed is nobody (the row goes at the next grouping).
        var key = PersonName.Key(asked);
        return Ids("""
            SELECT id FROM people
            WHERE (name_key = $key OR substr(name_key, 1, length($key) + 1) = $key || ' ' OR CAST(id AS TEXT) = $asked)
              AND EXISTS (SELECT 1 FROM face_people WHERE face_people.person_id = people.id AND face_people.state <> 'not-a-person')
            ORDER BY id
            """, ("$key", key), ("$asked", asked.Trim()));
    }

    /// <inheritdoc />
    public IReadOnlySet<long> PhotosWithAnyOf(IReadOnlyCollection<long> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return people.Count == 0 ? new HashSet<long>() : Ids($"""
            SELECT DISTINCT face_people.photo_id FROM face_people JOIN items ON items.id = face_people.face_id
            WHERE face_people.person_id IN ({InList(people)}) AND face_people.state <> 'not-a-person'
            """).ToHashSet();
    }

    /// <inheritdoc />
    public long UnassignedFaces() => Convert.ToInt64(Scalar($"""
        SELECT count(*) FROM ({FaceRows}) AS faces WHERE faces.person_id IS NULL AND (faces.state IS NULL OR faces.state = 'auto')
        """), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public IReadOnlyList<FaceDecision> OrphanDecisions()
    {
        using var command = Command("""
            SELECT face_id, photo_id, person_id, state, box FROM face_people
            WHERE NOT EXISTS (SELECT 1 FROM items WHERE items.id = face_people.face_id)
              AND EXISTS (SELECT 1 FROM photos WHERE photos.id = face_people.photo_id AND photos.status = 'indexed')
              AND EXISTS (SELECT 1 FROM analysed WHERE analysed.photo_id = face_people.photo_id AND analysed.collection = 'faces')
            ORDER BY face_id
            """);
        using var reader = command.ExecuteReader();
        var decisions = new List<FaceDecision>();
        while (reader.Read())
        {
            decisions.Add(new FaceDecision(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
        }

        return decisions;
    }

    /// <inheritdoc />
    public void DecideFace(long faceId, long photoId, long? personId, string state, string box)
    {
        if (!FaceState.IsKnown(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "not a face state");
        }

        Execute("""
            INSERT INTO face_people (face_id, photo_id, person_id, state, box) VALUES ($face, $photo, $person, $state, $box)
            ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id, state = excluded.state, box = excluded.box
            """, ("$face", faceId), ("$photo", photoId), ("$person", personId), ("$state", state), ("$box", box));
    }

    /// <inheritdoc />
    public void ForgetDecisions(IReadOnlyCollection<long> faceIds)
    {
        ArgumentNullException.ThrowIfNull(faceIds);
        if (faceIds.Count > 0)
        {
            Execute($"DELETE FROM face_people WHERE face_id IN ({InList(faceIds)})");
        }
    }

    /// <inheritdoc />
    public long AddPerson() => Convert.ToInt64(Scalar("INSERT INTO people (created) VALUES ($now) RETURNING id",
        ("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int RemoveEmptyPeople() => Execute("""
        DELETE FROM people WHERE NOT EXISTS (
            SELECT 1 FROM face_people WHERE face_people.person_id = people.id AND face_people.state <> 'not-a-person')
        """);

    /// <inheritdoc />
    public bool NamePerson(long id, string? name) =>
        Execute("UPDATE people SET name = $name, name_key = $key WHERE id = $id", ("$id", id), ("$name", name), ("$key", name is null ? null : PersonName.Key(name))) > 0;

    /// <inheritdoc />
    public bool HidePerson(long id, bool hidden) => Execute("UPDATE people SET hidden = $hidden WHERE id = $id", ("$id", id), ("$hidden", hidden ? 1 : 0)) > 0;

    /// <inheritdoc />
    public void MergePeople(long into, long from)
    {
        // Both people's faces are the user's decision now (they are one person): the grouping never splits any of them
        // off again, whichever side they came from. A name carries over when the person kept had none.
        Execute("UPDATE face_people SET person_id = $into, state = 'pinned' WHERE person_id IN ($into, $from) AND state <> 'not-a-person'", ("$into", into), ("$from", from));
        Execute("""
            UPDATE people SET name = (SELECT name FROM people WHERE id = $from), name_key = (SELECT name_key FROM people WHERE id = $from)
            WHERE id = $into AND name IS NULL
            """, ("$into", into), ("$from", from));
        Execute("DELETE FROM people WHERE id = $from", ("$from", from));
    }

    private List<StoredFace> ReadFaces(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var faces = new List<StoredFace>();
        while (reader.Read())
        {
            faces.Add(new StoredFace(reader.GetInt64(0), reader.GetInt64(1), NullableText(reader, 2), reader.IsDBNull(3) ? null : reader.GetInt64(3), NullableText(reader, 4)));
        }

        return faces;
    }

    private List<PersonSummary> ReadPeople(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var people = new List<PersonSummary>();
        while (reader.Read())
        {
            people.Add(new PersonSummary(reader.GetInt64(0), NullableText(reader, 1), reader.GetInt64(2) != 0, reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(5)));
        }

        return people;
    }
}
