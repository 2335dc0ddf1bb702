namespace Retrieval.Catalog;

/// <summary>
/// What the catalog remembers of a file, enough to tell whether it changed: size, modification time, content hash;
/// and, for a companion file, the photo it belongs to.
/// </summary>
public sealed record KnownFile(long Id, string Path, string Root, long Size, long ModifiedTicks, string? Hash, string Status, PendingWork Work, long? DuplicateOf, long SidecarTicks, long? CompanionOf = null);
