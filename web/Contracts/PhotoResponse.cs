namespace Retrieval.Web.Contracts;

/// <summary>
/// One indexed photo: where it is, what the catalog knows of it (the text read in it too), where to fetch it, and its
/// files (its path first, then the other files of the shot: the RAW beside the JPEG, the original beside an iPhone edit).
/// </summary>
public sealed record PhotoResponse(
    long Id, string Path, string FileName, string Folder, int? Width, int? Height, string? TakenAt, string? Camera,
    IReadOnlyList<string> Captions, IReadOnlyList<string> Tags, string ThumbnailUrl, string FileUrl, IReadOnlyList<TextLineResponse> Text,
    IReadOnlyList<string> Files);
