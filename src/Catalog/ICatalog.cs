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

    /// <summary>Every photo that still owes work to the vector or keyword store.</summary>
    IReadOnlyList<KnownFile> PendingPhotos();

    /// <summary>
    /// Records what was read from a photo: metadata, and its captions and tags replacing the old ones (automatic
    /// tags only when <paramref name="replaceAutoTags"/>). Returns the new captions' ids, in order.
    /// </summary>
    long[] RecordContent(long id, PhotoMetadata metadata, IReadOnlyList<CaptionText> captions, IReadOnlyList<TagText> tags, bool replaceAutoTags = true);

    /// <summary>
    /// Queues the indexed photos whose text was never read (indexed before OCR, or with it off) to be read again, so the
    /// next embedding pass reads it; returns how many.
    /// </summary>
    int QueueTextReading();

    /// <summary>Queues the indexed photos among <paramref name="ids"/> to be decoded and embedded again (their image vectors are incomplete); returns how many.</summary>
    int QueueImageWork(IReadOnlyCollection<long> ids);

    /// <summary>Replaces the text read in photo <paramref name="id"/> (OCR) with <paramref name="lines"/>, in reading order, and marks it read.</summary>
    void RecordText(long id, IReadOnlyList<TextLine> lines);

    /// <summary>The photos' vectors and keyword documents are written: they are searchable.</summary>
    void MarkIndexed(IEnumerable<long> ids);

    /// <summary>Every imported caption (with --captions), by the file name it belongs to.</summary>
    IReadOnlyDictionary<string, List<CaptionText>> AllImportedCaptions();

    /// <summary>Imports captions by file name; photos of those names already indexed have their captions and keywords redone. Returns how many were new.</summary>
    int ImportCaptions(IEnumerable<(string FileName, string Text)> captions, string source);

    /// <summary>Every photo's vectors are to be made again (another model); queued vector removals are moot (the collections are recreated empty).</summary>
    void ResetVectors();

    /// <summary>The queued removals of one kind (<see cref="RemovalKind"/>).</summary>
    IReadOnlyList<long> Removals(string kind);

    /// <summary>Forgets queued removals once the other stores have carried them out.</summary>
    void ClearRemovals(string kind, IEnumerable<long> ids);

    /// <summary>Starts the record of a run over <paramref name="roots"/>; returns its id.</summary>
    long StartRun(IReadOnlyList<string> roots);

    /// <summary>Ends the record of run <paramref name="id"/> with its totals.</summary>
    void FinishRun(long id, IndexRunCounts counts, string outcome);
}
