namespace Retrieval.Web.Contracts;

/// <summary>
/// One indexed photo: where it is, what the catalog knows of it (the text read in it too), where to fetch it, and its
/// files (its path first, then the other files of the shot: the RAW beside the JPEG, the original beside an iPhone edit).
/// A video also names its <c>Codec</c>. <c>ViewUrl</c> is what a browser can show: the file itself when browsers draw its format, else a large JPEG rendition
/// (HEIC, TIFF, PSD, RAW); a video's is its file. <c>Kind</c> is "photo" or "video"; a video has a <c>Duration</c> and
/// the time of the frame that stands for it (<c>PosterAt</c>), both in seconds. A Live Photo's movie plays from
/// <c>MotionUrl</c>. <c>Faces</c> are the faces found in it, each with who it is.
/// </summary>
public sealed record PhotoResponse(
    long Id, string Path, string FileName, string Folder, int? Width, int? Height, string? TakenAt, string? Camera,
    IReadOnlyList<string> Captions, IReadOnlyList<string> Tags, string ThumbnailUrl, string FileUrl, IReadOnlyList<TextLineResponse> Text,
    IReadOnlyList<string> Files, string? Format, double? Latitude, double? Longitude, string ViewUrl, string Kind, double? Duration, double? PosterAt, string? MotionUrl, string? Codec, Retrieval.Catalog.PhotoPlace? Place,
    IReadOnlyList<PhotoFaceResponse> Faces);
