namespace Retrieval.Catalog;

/// <summary>
/// The catalog as the one writer changes it: what the walk found, what each photo holds, what the other stores
/// still owe it (queued removals, pending photos), and the record of runs. Every change that must hold together
/// runs in <see cref="InTransaction(Action)"/>.
/// </summary>
public interface ICatalog : ICatalogReader
{
    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is in the catalog, or none.</summary>
    T InTransaction<T>(Func<T> work);

    /// <summary>Runs <paramref name="work"/> in one transaction.</summary>
    void InTransaction(Action work);

    /// <summary>Sets a value of the catalog's own settings.</summary>
    void SetMeta(string key, string value);

    /// <summary>Every file the catalog knows, by path.</summary>
    IReadOnlyDictionary<string, KnownFile> KnownFiles();

    /// <summary>Records a file new to the catalog, with what it still needs; returns its id.</summary>
    long AddPhoto(FoundFile file, string? hash, string status, PendingWork work, string? reason = null, long? duplicateOf = null);

    /// <summary>A known photo whose bytes changed (or must be read again): new size, time and hash, and all its work to redo.</summary>
    void MarkChanged(long id, FoundFile file, string? hash, string status, PendingWork work, string? reason = null);

    /// <summary>A known photo seen again unchanged (its time may differ); with <paramref name="sidecarChanged"/> its captions are read again.</summary>
    void Touch(long id, FoundFile file, bool sidecarChanged);

    /// <summary>A photo moved or renamed (the same bytes at a new path): its vectors stay, its keyword document (names, folders) is redone.</summary>
    void Move(long id, FoundFile file);

    /// <summary>Deletes photos, queuing their vectors and keyword documents for removal in the same transaction.</summary>
    void RemovePhotos(IReadOnlyCollection<long> ids);

    /// <summary>Marks a photo that cannot be read: its vectors and keyword document, if any, are queued for removal.</summary>
    void MarkFailed(long id, string reason);

    /// <summary>Makes file <paramref name="id"/> a companion of photo <paramref name="photoId"/> (a RAW beside its JPEG): what was read from it goes.</summary>
    void MakeCompanion(long id, long photoId);

    /// <summary>Companion <paramref name="id"/> becomes a photo of its own, to be analysed in full.</summary>
    void PromoteCompanion(long id);

    /// <summary>Every photo that still owes work to the vector or keyword store.</summary>
    IReadOnlyList<KnownFile> PendingPhotos();

    /// <summary>
    /// Records what was read from a photo: metadata, its captions replacing the old ones, and its tags replacing those of
    /// every source but <paramref name="keptSources"/> (the sources analyzers write with <see cref="ReplaceTags"/>).
    /// </summary>
    void RecordContent(long id, PhotoMetadata metadata, IReadOnlyList<CaptionText> captions, IReadOnlyList<TagText> tags, IReadOnlyCollection<string> keptSources);

    /// <summary>Replaces photo <paramref name="id"/>'s tags of <paramref name="source"/> with <paramref name="tags"/>.</summary>
    void ReplaceTags(long id, string source, IReadOnlyList<TagText> tags);

    /// <summary>Replaces photo <paramref name="id"/>'s values of keyword field <paramref name="field"/> with <paramref name="values"/>.</summary>
    void ReplaceField(long id, string field, IReadOnlyList<string> values);

    /// <summary>
    /// Declares collection <paramref name="collection"/>. When it held another model's vectors, or <paramref name="reset"/>,
    /// its items and queued removals are dropped and every photo is marked to be analysed again; returns whether it was.
    /// </summary>
    bool DeclareCollection(CollectionKind collection, bool reset);

    /// <summary>
    /// Replaces photo <paramref name="photoId"/>'s items in many-per-photo collection <paramref name="collection"/> with
    /// new ones carrying <paramref name="payloads"/>, queuing the old ones' vectors for removal, and records the photo as
    /// analysed for it (<see cref="PhotosNotAnalysedFor"/>); returns the new ids, in order.
    /// </summary>
    long[] ReplaceItems(string collection, long photoId, IReadOnlyList<string?> payloads);

    /// <summary>
    /// The indexed photos and videos whose items in many-per-photo collection <paramref name="collection"/> were never made
    /// (<see cref="ReplaceItems"/>, even with none): not since their bytes last changed, nor with the collection's model.
    /// </summary>
    IReadOnlyList<long> PhotosNotAnalysedFor(string collection);

    /// <summary>Queues entry <paramref name="id"/> of <paramref name="kind"/> (a collection, or <see cref="RemovalKind.Document"/>) for removal.</summary>
    void QueueRemoval(string kind, long id);

    /// <summary>The indexed photos whose text was never read (indexed before OCR, or with it off).</summary>
    IReadOnlyList<long> PhotosWithTextUnread();

    /// <summary>The indexed videos without an item in collection <paramref name="collection"/> (their frames were never analysed).</summary>
    IReadOnlyList<long> VideosWithoutItems(string collection);

    /// <summary>Queues the files that failed with exactly <paramref name="reason"/> to be read again (a missing tool now installed); returns how many.</summary>
    int RetryFailed(string reason);

    /// <summary>
    /// Queues the indexed photos among <paramref name="ids"/> for <paramref name="work"/>: read and analysed again
    /// (<see cref="PendingWork.Image"/>), or their keyword documents made again (<see cref="PendingWork.Keywords"/>); returns how many.
    /// </summary>
    int QueueWork(IReadOnlyCollection<long> ids, PendingWork work);

    /// <summary>Records where photo <paramref name="id"/> was taken (null: its position is at sea), as placed by data of <paramref name="version"/>.</summary>
    void RecordPlace(long id, PhotoPlace? place, string version);

    /// <summary>Forgets where photo <paramref name="id"/> was taken (it has no position).</summary>
    void ForgetPlace(long id);

    /// <summary>The indexed photos with a position not placed by data of <paramref name="version"/> (never placed, or by older data).</summary>
    IReadOnlyList<(long Id, double Latitude, double Longitude)> PositionsToPlace(string version);

    /// <summary>Records that face <paramref name="faceId"/> (of photo <paramref name="photoId"/>, box "x,y,w,h") belongs to <paramref name="personId"/> (null: nobody), decided as <paramref name="state"/> (<see cref="FaceState"/>).</summary>
    void DecideFace(long faceId, long photoId, long? personId, string state, string box);

    /// <summary>Forgets the decisions about <paramref name="faceIds"/>.</summary>
    void ForgetDecisions(IReadOnlyCollection<long> faceIds);

    /// <summary>Adds a person without a name; returns their id.</summary>
    long AddPerson();

    /// <summary>Deletes the people left without faces; returns how many.</summary>
    int RemoveEmptyPeople();

    /// <summary>Names person <paramref name="id"/> (null: takes the name away); false when there is no such person.</summary>
    bool NamePerson(long id, string? name);

    /// <summary>Hides person <paramref name="id"/> from lists and results, or shows them again; false when there is no such person.</summary>
    bool HidePerson(long id, bool hidden);

    /// <summary>Moves every face of person <paramref name="from"/> to <paramref name="into"/> and deletes <paramref name="from"/>; all their faces are pinned (the grouping keeps them together).</summary>
    void MergePeople(long into, long from);

    /// <summary>Replaces the text read in photo <paramref name="id"/> (OCR) with <paramref name="lines"/>, in reading order, and marks it read.</summary>
    void RecordText(long id, IReadOnlyList<TextLine> lines);

    /// <summary>The photos' vectors and keyword documents are written: they are searchable.</summary>
    void MarkIndexed(IEnumerable<long> ids);

    /// <summary>Every imported caption (with --captions), by the file name it belongs to.</summary>
    IReadOnlyDictionary<string, List<CaptionText>> AllImportedCaptions();

    /// <summary>Imports captions by file name; photos of those names already indexed have their captions and keywords redone. Returns how many were new.</summary>
    int ImportCaptions(IEnumerable<(string FileName, string Text)> captions, string source);

    /// <summary>The queued removals of one kind (a collection's name, or <see cref="RemovalKind.Document"/>).</summary>
    IReadOnlyList<long> Removals(string kind);

    /// <summary>Forgets queued removals once the other stores have carried them out.</summary>
    void ClearRemovals(string kind, IEnumerable<long> ids);

    /// <summary>Starts the record of a run over <paramref name="roots"/>; returns its id.</summary>
    long StartRun(IReadOnlyList<string> roots);

    /// <summary>Ends the record of run <paramref name="id"/> with its totals.</summary>
    void FinishRun(long id, IndexRunCounts counts, string outcome);
}
