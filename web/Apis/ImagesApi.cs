using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Catalog;
using Retrieval.Hosting;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Video;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;
using Retrieval.Web.Security;

namespace Retrieval.Web.Apis;

/// <summary>
/// Indexed photos: <c>GET /api/images/{id}</c>, its <c>thumbnail</c> (cached on disk, ETag, 304), its <c>file</c>
/// (only inside an indexed root, symbolic links resolved), and <c>DELETE</c> (from the index, not the disk; API key).
/// </summary>
internal static class ImagesApi
{
    private const int DefaultThumbnail = 256;

    public static string ThumbnailUrl(long id, double? at = null) =>
        at is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"/api/images/{id}/thumbnail?at={seconds:0.###}") : $"/api/images/{id}/thumbnail";

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapWorkGroup("/api/images");
        api.MapGet("/{id:long}", GetPhoto).WithName("GetPhoto").WithSummary("What the index knows of a photo");
        api.MapGet("/{id:long}/thumbnail", GetThumbnailAsync).WithName("GetThumbnail").WithSummary("A JPEG thumbnail, longest side 'size' (32 to 1024, default 256) snapped up to 64, 128, 256, 512 or 1024; of a video, the frame at 'at' seconds (default: the frame that stands for it)");
        api.MapGet("/{id:long}/file", GetFile).WithName("GetPhotoFile").WithSummary("The photo file itself (only inside an indexed root)");
        api.MapGet("/{id:long}/frames", GetFrames).WithName("GetVideoFrames").WithSummary("A video's indexed frames: each one's time in seconds and its thumbnail");
        api.MapDelete("/{id:long}", DeleteAsync).WithName("DeletePhoto").WithSummary("Forgets a photo until the next scan: the file stays on disk, so a rescan finds it again; needs the API key")
            .RequireKey();
        return routes;
    }

    private static Results<Ok<PhotoResponse>, ProblemHttpResult> GetPhoto(long id, PhotoFiles photos, LibraryPeople people)
    {
        if (photos.Photo(id) is not { Photo: var photo, Tags: var tags, Text: var text, Files: var files, Motion: var motion })
        {
            return Problems.NotFound($"no indexed photo has id {id}");
        }

        var fileUrl = $"/api/images/{id}/file";
        var shown = photo.Kind == PhotoKind.Video || photo.Format is "jpeg" or "png" or "webp" or "gif" or "bmp" or "avif";
        return TypedResults.Ok(new PhotoResponse(photo.Id, photo.Path, Path.GetFileName(photo.Path), photo.Folder, photo.Width, photo.Height, photo.TakenAt,
            photo.Camera, photo.Captions, tags, ThumbnailUrl(id), fileUrl, [.. text.Select(TextLineResponse.Of)], files,
            photo.Format, photo.Latitude, photo.Longitude, shown ? fileUrl : $"/api/images/{id}/thumbnail?size={ThumbnailEncoder.MaxSize}", photo.Kind, photo.Duration, photo.PosterAt,
            motion is { } movie ? $"/api/images/{movie}/file" : null, photo.Codec, photo.Place,
            [.. people.FacesIn(id).Select(f => new PhotoFaceResponse(f.Id, PeopleApi.Box(f.Face.Box), f.Person))]));
    }

    private static async Task<IResult> GetThumbnailAsync(long id, string? size, string? at, HttpContext http, PhotoFiles photos, CancellationToken cancellationToken)
    {
        var (pixels, bad) = ThumbnailSize(size, DefaultThumbnail);
        if (bad is not null)
        {
            return bad;
        }

        double? moment = null;
        if (at is { Length: > 0 })
        {
            if (!double.TryParse(at, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0)
            {
                return Problems.BadRequest($"at must be a time in seconds from 0 (a video's moment), not '{at}'");
            }

            moment = seconds;
        }

        // The ETag names the file's version and the size bucket: a changed photo gets a new thumbnail.
        if (await photos.ThumbnailAsync(id, pixels, KnownTag(http), moment, cancellationToken).ConfigureAwait(false) is not { } thumbnail)
        {
            return Problems.NotFound($"no indexed photo has id {id}, or its file is gone");
        }

        return ThumbnailResult(http, thumbnail);
    }

    /// <summary>The thumbnail size asked for (<paramref name="fallback"/> when none), or the problem with it.</summary>
    internal static (int Pixels, ProblemHttpResult? Problem) ThumbnailSize(string? size, int fallback) =>
        size is not { Length: > 0 } ? (fallback, null)
        : int.TryParse(size, CultureInfo.InvariantCulture, out var pixels) && pixels is >= ThumbnailEncoder.MinSize and <= ThumbnailEncoder.MaxSize ? (pixels, null)
        : (0, Problems.BadRequest($"size must be a whole number from {ThumbnailEncoder.MinSize} to {ThumbnailEncoder.MaxSize}, not '{size}'"));

    /// <summary>The thumbnail version the client already holds (its If-None-Match), if any.</summary>
    internal static string? KnownTag(HttpContext http) => http.Request.Headers.IfNoneMatch.ToString().Trim('"') is { Length: > 0 } known ? known : null;

    /// <summary>A thumbnail's answer: the cached file or the bytes made, or 304 when the client holds this version; its ETag, cached an hour.</summary>
    internal static IResult ThumbnailResult(HttpContext http, Thumbnail thumbnail)
    {
        http.Response.Headers.ETag = $"\"{thumbnail.Tag}\"";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return thumbnail.CachedFile is { } cached ? TypedResults.PhysicalFile(cached, "image/jpeg")
            : thumbnail.Bytes is { } bytes ? TypedResults.File(bytes, "image/jpeg")
            : TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    /// <summary>The photo, streamed from the handle checked to lie inside its root; a format the engine does not decode is a download, never rendered inline.</summary>
    private static IResult GetFile(long id, PhotoFiles photos)
    {
        if (photos.OpenPhotoFile(id) is not { } file)
        {
            return Problems.NotFound($"no indexed photo has id {id}, or its file is gone or outside the indexed folders");
        }

        // The type the bytes are, not the one the name claims: a JPEG named .heic is served as the JPEG it is. A video is
        // served inline, in ranges: a <video> seeks with them.
        Span<byte> header = stackalloc byte[Math.Max(ImageSniffer.HeaderBytes, VideoContainer.SniffBytes)];
        var head = header[..RandomAccess.Read(file.Handle, header, 0)];
        if (VideoFormats.IsVideoName(file.Path) && VideoContainer.MediaTypeOf(head) is { } video)
        {
            return TypedResults.Stream(file.OpenStream(), video, lastModified: file.LastModifiedUtc, enableRangeProcessing: true);
        }

        var container = ImageSniffer.Detect(head, file.Path);
        var inline = ImageSniffer.BrowsersShow(container);
        return TypedResults.Stream(file.OpenStream(), ImageSniffer.MediaTypeOf(container, file.Path), inline ? null : Path.GetFileName(file.Path),
            lastModified: file.LastModifiedUtc, enableRangeProcessing: true);
    }

    private static Results<Ok<FramesResponse>, ProblemHttpResult> GetFrames(long id, PhotoFiles photos) =>
        photos.FrameTimes(id) is { } times
            ? TypedResults.Ok(new FramesResponse(id, [.. times.Select(t => new FrameResponse(t, ThumbnailUrl(id, t)))]))
            : Problems.NotFound($"no indexed video has id {id}");

    /// <remarks>Another writer holding the index is a StoreLockedException, which the error mapping answers with 409.</remarks>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LibraryMaintenance maintenance, CancellationToken cancellationToken) =>
        await maintenance.RemovePhotoAsync(id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotFound($"no indexed photo has id {id}");
}
