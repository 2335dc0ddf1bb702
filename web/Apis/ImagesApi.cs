using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Storage;
using Retrieval.Web.Contracts;
using Retrieval.Web.Engine;

namespace Retrieval.Web.Apis;

/// <summary>
/// Indexed photos: <c>GET /api/images/{id}</c>, its <c>thumbnail</c> (cached on disk, ETag, 304), its <c>file</c>
/// (only inside an indexed root, symbolic links resolved), and <c>DELETE</c> (from the index, not the disk; API key).
/// </summary>
internal static class ImagesApi
{
    private const int DefaultThumbnail = 256;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string ThumbnailUrl(long id) => $"/api/images/{id}/thumbnail";

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/images");
        api.WithRequestTimeout(ServerLimits.TimeoutPolicy);
        api.MapGet("/{id:long}", GetPhoto).WithName("GetPhoto").WithSummary("What the index knows of a photo");
        api.MapGet("/{id:long}/thumbnail", GetThumbnail).WithName("GetThumbnail").WithSummary("A JPEG thumbnail, longest side 'size' (32 to 1024, default 256)");
        api.MapGet("/{id:long}/file", GetFile).WithName("GetPhotoFile").WithSummary("The photo file itself (only inside an indexed root)");
        api.MapDelete("/{id:long}", DeleteAsync).WithName("DeletePhoto").WithSummary("Removes a photo from the index (not from the disk); needs the API key")
            .AddEndpointFilter<ApiKeyFilter>();
        return routes;
    }

    private static Results<Ok<PhotoResponse>, ProblemHttpResult> GetPhoto(long id, SearchEngine engine)
    {
        using var lease = engine.TryLease();
        if (lease?.Index.Catalog.Photos([id]).GetValueOrDefault(id) is not { } photo)
        {
            return Problems.NotFound($"no indexed photo has id {id}");
        }

        return TypedResults.Ok(new PhotoResponse(photo.Id, photo.Path, Path.GetFileName(photo.Path), photo.Folder, photo.Width, photo.Height, photo.TakenAt,
            photo.Camera, photo.Captions, lease.Index.Catalog.TagsOf([id]).GetValueOrDefault(id) ?? [], ThumbnailUrl(id), $"/api/images/{id}/file"));
    }

    private static IResult GetThumbnail(long id, string? size, HttpContext http, SearchEngine engine)
    {
        var pixels = DefaultThumbnail;
        if (size is { Length: > 0 } && (!int.TryParse(size, CultureInfo.InvariantCulture, out pixels) || pixels is < ThumbnailEncoder.MinSize or > ThumbnailEncoder.MaxSize))
        {
            return Problems.BadRequest($"size must be a whole number from {ThumbnailEncoder.MinSize} to {ThumbnailEncoder.MaxSize}, not '{size}'");
        }

        if (PhotoFile(id, engine) is not { } file)
        {
            return Problems.NotFound($"no indexed photo has id {id}, or its file is gone");
        }

        // The ETag names the file's version and the size: a changed photo gets a new thumbnail.
        var info = new FileInfo(file);
        var tag = string.Create(CultureInfo.InvariantCulture, $"\"{id}-{pixels}-{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        http.Response.Headers.ETag = tag;
        http.Response.Headers.CacheControl = "private, max-age=3600";
        if (http.Request.Headers.IfNoneMatch.Contains(tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var cached = Path.Combine(engine.Paths.Root, "thumbnails", $"{tag.Trim('"')}.jpg");
        if (!File.Exists(cached))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            var temporary = $"{cached}.{Guid.NewGuid():N}.tmp";
            try
            {
                using (var image = engine.Decoder.DecodeFile(file, pixels))
                using (var output = File.Create(temporary))
                {
                    ThumbnailEncoder.Write(image, pixels, output);
                }

                File.Move(temporary, cached, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        return TypedResults.PhysicalFile(cached, "image/jpeg");
    }

    private static IResult GetFile(long id, SearchEngine engine)
    {
        if (PhotoFile(id, engine) is not { } file)
        {
            return Problems.NotFound($"no indexed photo has id {id}, or its file is gone or outside the indexed folders");
        }

        return TypedResults.PhysicalFile(file, ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream", enableRangeProcessing: true);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, SearchEngine engine, CancellationToken cancellationToken)
    {
        if (engine.Photo(id) is not { } photo)
        {
            return Problems.NotFound($"no indexed photo has id {id}");
        }

        // Another writer holding the index is a StoreLockedException, which the error mapping answers with 409.
        using (var index = PhotoIndex.OpenForMaintenance(engine.Paths))
        {
            await index.RemoveAsync([photo.Path], cancellationToken).ConfigureAwait(false);
        }

        engine.Invalidate();
        return TypedResults.NoContent();
    }

    /// <summary>The photo's file when it exists and, with every link resolved, lies inside an indexed root.</summary>
    private static string? PhotoFile(long id, SearchEngine engine) =>
        engine.Photo(id) is { } photo && File.Exists(photo.Path) && RealPath.IsUnder(photo.Path, [photo.Root]) ? photo.Path : null;
}
