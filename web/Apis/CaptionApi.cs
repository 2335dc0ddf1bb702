using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Retrieval.Search;
using Retrieval.Web.Contracts;
using Retrieval.Web.Engine;

namespace Retrieval.Web.Apis;

/// <summary>Image to text: <c>POST /api/caption</c> (an uploaded image) and <c>GET /api/images/{id}/captions</c> (an indexed photo).</summary>
internal static class CaptionApi
{
    private const int DefaultK = 5;

    public static IEndpointRouteBuilder MapCaptionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireRateLimiting(ServerLimits.SearchPolicy);
        api.WithRequestTimeout(ServerLimits.TimeoutPolicy);
        api.MapPost("/caption", CaptionUploadAsync).WithName("CaptionUpload").WithSummary("The indexed captions that best describe an uploaded image (multipart part 'image')").DisableAntiforgery();
        api.MapGet("/images/{id:long}/captions", CaptionPhotoAsync).WithName("CaptionPhoto").WithSummary("The indexed captions that best describe an indexed photo");
        return routes;
    }

    private static async Task<Results<Ok<CaptionResponse>, ProblemHttpResult>> CaptionUploadAsync(HttpRequest http, string? k, SearchEngine engine, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var (count, error) = SearchParameters.ResultCount(k, DefaultK);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var (bytes, name, _, problem) = await Uploads.ReadAsync(http, options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var vector = engine.Model.EmbedImage(bytes, name, engine.Decoder, cancellationToken);
        return TypedResults.Ok(await CaptionsAsync(engine, vector, count, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<CaptionResponse>, ProblemHttpResult>> CaptionPhotoAsync(long id, string? k, SearchEngine engine, CancellationToken cancellationToken)
    {
        var (count, error) = SearchParameters.ResultCount(k, DefaultK);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var vector = await engine.PhotoVectorAsync(id, cancellationToken).ConfigureAwait(false);
        return vector is null ? Problems.NotFound($"no indexed photo has id {id}") : TypedResults.Ok(await CaptionsAsync(engine, vector, count, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<CaptionResponse> CaptionsAsync(SearchEngine engine, float[] vector, int k, CancellationToken cancellationToken)
    {
        using var lease = engine.TryLease();
        if (lease is null)
        {
            return new CaptionResponse([]);
        }

        var hits = await engine.Searcher(lease).CaptionsForImageAsync(vector, k, cancellationToken).ConfigureAwait(false);
        return new CaptionResponse([.. hits.Select(h => new CaptionResult(h.CaptionId, h.Caption, h.Score, h.PhotoId, h.Path, ImagesApi.ThumbnailUrl(h.PhotoId)))]);
    }
}
