namespace Retrieval.Web.Contracts;

/// <summary>One indexed photo: where it is, what the catalog knows of it (the text read in it too), and where to fetch it.</summary>
public sealed record PhotoResponse(
    long Id, string Path, string FileName, string Folder, int? Width, int? Height, string? TakenAt, string? Camera,
    IReadOnlyList<string> Captions, IReadOnlyList<string> Tags, string ThumbnailUrl, string FileUrl, IReadOnlyList<TextLineResponse> Text);
