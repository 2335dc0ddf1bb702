using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>Image to text: <c>POST /api/caption</c> (an uploaded image) and <c>GET /api/images/{id}/captions</c> (an indexed photo).</summary>
internal static class CaptionApi
{
    public static IEndpointRouteBuilder MapCaptionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapWorkGroup("/api");
        api.MapPost("/caption", CaptionUploadAsync).WithName("CaptionUpload").WithSummary("The indexed captions that best describe an uploaded image (multipart part 'image')").AfterUpload();
        api.MapGet("/images/{id:long}/captions", CaptionPhotoAsync).WithName("CaptionPhoto").WithSummary("The indexed captions that best describe an indexed photo").InWorkSlot();
        return routes;
    }

    private static async Task<Ok<CaptionResponse>> CaptionUploadAsync(HttpContext http, string? k, SearchService search, CancellationToken cancellationToken)
    {
        var upload = Uploads.Received(http);
        return TypedResults.Ok(await CaptionsAsync(search, ImageInput.FromBytes(upload.Bytes, upload.Name), SearchParameters.Count(k, "k"), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<CaptionResponse>> CaptionPhotoAsync(long id, string? k, SearchService search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CaptionsAsync(search, ImageInput.FromPhoto(id), SearchParameters.Count(k, "k"), cancellationToken).ConfigureAwait(false));

    private static async Task<CaptionResponse> CaptionsAsync(SearchService search, ImageInput image, int? k, CancellationToken cancellationToken)
    {
        var hits = await search.CaptionAsync(image, k, cancellationToken).ConfigureAwait(false);
        return new CaptionResponse([.. hits.Select(h => new CaptionResult(h.CaptionId, h.Caption, h.Score, h.PhotoId, h.Path, ImagesApi.ThumbnailUrl(h.PhotoId)))]);
    }
}
