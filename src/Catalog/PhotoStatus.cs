namespace Retrieval.Catalog;

/// <summary>What became of a file the indexer found, as the catalog's <c>status</c> column spells it.</summary>
public static class PhotoStatus
{
    /// <summary>Embedded and searchable.</summary>
    public const string Indexed = "indexed";

    /// <summary>Recorded, with vectors or keywords still to write (see <see cref="PendingWork"/>).</summary>
    public const string Pending = "pending";

    /// <summary>Could not be read; the error column says why.</summary>
    public const string Failed = "failed";

    /// <summary>The same bytes as another photo (its <c>duplicate_of</c>); not embedded twice.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>
    /// Another file of a photo's shot (its <c>companion_of</c>): the RAW beside the camera's JPEG, the original beside
    /// the iPhone's edit. Not analysed, not searchable, not a near-duplicate; listed among the photo's files.
    /// </summary>
    public const string Companion = "companion";
}
