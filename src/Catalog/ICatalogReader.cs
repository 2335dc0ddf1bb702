namespace Retrieval.Catalog;

/// <summary>
/// The catalog as search and status read it: photos, captions and tags by id, which photos a filter allows,
/// the counts, failures and duplicates. The catalog is an index's source of truth; the keyword index and the
/// vector collections follow it. One reader serves one thread at a time.
/// </summary>
public interface ICatalogReader : IDisposable
{
    /// <summary>A value of the catalog's own settings (the model the vectors were made with, ...), or null.</summary>
    string? GetMeta(string key);

    /// <summary>The photos among <paramref name="ids"/> that exist, with their captions.</summary>
    IReadOnlyDictionary<long, PhotoSummary> Photos(IReadOnlyCollection<long> ids);

    /// <summary>The vector collections declared in the index, by name: whether each is one-per-photo.</summary>
    IReadOnlyDictionary<string, bool> Collections();

    /// <summary>The model the vectors of collection <paramref name="collection"/> were made with; null when it has none yet.</summary>
    string? ModelOf(string collection);

    /// <summary>The items among <paramref name="ids"/> of many-per-photo collection <paramref name="collection"/>: their photo and payload.</summary>
    IReadOnlyDictionary<long, (long PhotoId, string? Payload)> Items(string collection, IReadOnlyCollection<long> ids);

    /// <summary>How many files failed with exactly <paramref name="reason"/>.</summary>
    long FailedWith(string reason);

    /// <summary>The payloads of the items photo <paramref name="photoId"/> owns in collection <paramref name="collection"/>, in the order they were made (a video's frame times).</summary>
    IReadOnlyList<string?> PayloadsOf(string collection, long photoId);

    /// <summary>The photo that owns each of <paramref name="ids"/> (ids of collection <paramref name="kind"/>) that exists.</summary>
    IReadOnlyDictionary<long, long> PhotosOfItems(CollectionKind kind, IReadOnlyCollection<long> ids);

    /// <summary>The ids in collection <paramref name="kind"/> that each of <paramref name="photoIds"/> owns, for those that own any.</summary>
    IReadOnlyDictionary<long, List<long>> ItemsOfPhotos(CollectionKind kind, IReadOnlyCollection<long> photoIds);

    /// <summary>The keyword fields analyzers gave each of <paramref name="photoIds"/> that has any: field name and value.</summary>
    IReadOnlyDictionary<long, List<(string Field, string Value)>> FieldsOf(IReadOnlyCollection<long> photoIds);

    /// <summary>The tags of each of <paramref name="photoIds"/> that has any, in the order they were recorded.</summary>
    IReadOnlyDictionary<long, List<string>> TagsOf(IReadOnlyCollection<long> photoIds);

    /// <summary>The text read in each of <paramref name="photoIds"/> that has any (OCR), line by line in reading order.</summary>
    IReadOnlyDictionary<long, List<TextLine>> TextOf(IReadOnlyCollection<long> photoIds);

    /// <summary>The tags of each of <paramref name="photoIds"/> that has any, with their source and (automatic ones) their probability.</summary>
    IReadOnlyDictionary<long, List<TagText>> TagDetailsOf(IReadOnlyCollection<long> photoIds);

    /// <summary>How many photos are in each state.</summary>
    CatalogCounts Counts();

    /// <summary>The searchable photos by the format their bytes are in (jpeg, heic, cr2, ...), most first.</summary>
    IReadOnlyList<(string Format, long Photos)> FormatCounts();

    /// <summary>Every file that could not be indexed, and why.</summary>
    IReadOnlyList<(string Path, string Reason)> Failures();

    /// <summary>The paths of photo <paramref name="id"/>'s companion files (a RAW beside its JPEG, an iPhone original beside its edit).</summary>
    IReadOnlyList<string> CompanionsOf(long id);

    /// <summary>Every exact duplicate, with the photo it repeats.</summary>
    IReadOnlyList<(long Id, string Path, long OriginalId, string Original)> Duplicates();

    /// <summary>The ids of the photos at <paramref name="path"/> or, if it is a folder, under it.</summary>
    IReadOnlyList<long> PhotoIdsUnder(string path);

    /// <summary>The searchable photos <paramref name="filter"/> allows: its ids, folder, dates and camera all hold.</summary>
    IReadOnlyList<long> SearchableIds(PhotoFilter filter);

    /// <summary>The searchable photos <paramref name="filter"/> allows by the month they were taken, newest first, with their covers and the undated count.</summary>
    TimelineCounts Timeline(PhotoFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The searchable photos <paramref name="filter"/> allows that were taken in month <paramref name="month"/> of <paramref name="year"/>,
    /// newest first: <paramref name="limit"/> of them from <paramref name="offset"/>, and how many there are.
    /// </summary>
    PhotoPage TakenIn(PhotoFilter filter, int year, int month, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The searchable photos <paramref name="filter"/> allows that were taken on day <paramref name="day"/> of month
    /// <paramref name="month"/> in a year before <paramref name="beforeYear"/>: newest first, at most <paramref name="perYear"/> of each year.
    /// </summary>
    IReadOnlyList<(long Id, int Year)> TakenOnDay(PhotoFilter filter, int month, int day, int beforeYear, int perYear, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where the searchable photos <paramref name="filter"/> allows were taken, on a grid of <paramref name="cellDegrees"/>: one cell
    /// per grid square holding any. Photos without a position, outside the globe's range or at exactly (0, 0) are left out.
    /// </summary>
    IReadOnlyList<MapCell> MapCells(PhotoFilter filter, double cellDegrees, CancellationToken cancellationToken = default);

    /// <summary>Every indexed photo with a place (a town or a country; not the sea), with its date.</summary>
    IReadOnlyList<PlacedPhoto> PlacedPhotos();

    /// <summary>The folders indexed so far (the roots photos were found under).</summary>
    IReadOnlyList<string> Roots();

    /// <summary>The last index run: when it started and finished, and how it ended; null before the first.</summary>
    (string Started, string? Finished, string? Outcome)? LastRun();

    /// <summary>Every face of the indexed photos (the faces collection's items) with its person and who decided it, in id order.</summary>
    IReadOnlyList<StoredFace> Faces();

    /// <summary>The faces of photo <paramref name="photoId"/>, in id order.</summary>
    IReadOnlyList<StoredFace> FacesOfPhoto(long photoId);

    /// <summary>The faces of person <paramref name="personId"/> in indexed photos, newest photo first.</summary>
    IReadOnlyList<StoredFace> FacesOfPerson(long personId);

    /// <summary>Every person with a face in an indexed photo (hidden ones too), most faces first.</summary>
    IReadOnlyList<PersonSummary> People();

    /// <summary>Person <paramref name="id"/>, or null when there is none (or none of their faces is in an indexed photo).</summary>
    PersonSummary? Person(long id);

    /// <summary>The indexed photos person <paramref name="id"/> is in, newest first (undated last).</summary>
    IReadOnlyList<long> PhotosOfPerson(long id);

    /// <summary>The people (not hidden) in each of <paramref name="photoIds"/> that has any: named first, each once.</summary>
    IReadOnlyDictionary<long, List<PersonRef>> PeopleIn(IReadOnlyCollection<long> photoIds);

    /// <summary>Every named person who is not hidden.</summary>
    IReadOnlyList<PersonRef> NamedPeople();

    /// <summary>The people <paramref name="asked"/> names: by whole name or first word (case and accents aside), or by id.</summary>
    IReadOnlyList<long> PeopleMatching(string asked);

    /// <summary>The photos holding a face of any of <paramref name="people"/>.</summary>
    IReadOnlySet<long> PhotosWithAnyOf(IReadOnlyCollection<long> people);

    /// <summary>How many faces of indexed photos belong to nobody yet (not counting those marked not a person).</summary>
    long UnassignedFaces();

    /// <summary>The decisions about faces whose items are gone while their photo's faces were found again (it was read again): to be taken over or forgotten.</summary>
    IReadOnlyList<FaceDecision> OrphanDecisions();

    /// <summary>
    /// The error to raise for <paramref name="failure"/> of a read when it shows that the catalog's file is damaged (naming
    /// the file); null when it is some other failure.
    /// </summary>
    Errors.IndexDamagedException? DamageShownBy(Exception failure);
}
