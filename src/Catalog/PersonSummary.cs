namespace Retrieval.Catalog;

/// <summary>
/// A person as listed: id, name (null until named), whether hidden, how many faces and photos (indexed) it has, and the
/// face that stands for it (its largest).
/// </summary>
public sealed record PersonSummary(long Id, string? Name, bool Hidden, int Faces, int Photos, long CoverFace);
