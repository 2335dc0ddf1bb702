namespace Retrieval.Catalog;

/// <summary>A photo as search results show it.</summary>
public sealed record PhotoSummary(
    long Id,
    string Path,
    string Folder,
    string Root,
    int? Width,
    int? Height,
    string? TakenAt,
    string? Camera,
    string Status,
    IReadOnlyList<string> Captions);
