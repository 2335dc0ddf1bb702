using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Search;
using Retrieval.Web.Contracts;
using Retrieval.Web.Engine;

namespace Retrieval.Web.Apis;

/// <summary>
/// Searching: <c>GET /api/search</c> (text in the search language), <c>POST /api/search/image</c> (an uploaded
/// image, with optional text: both fused), <c>GET /api/images/{id}/similar</c> (an indexed photo's neighbours).
/// </summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireRateLimiting(ServerLimits.SearchPolicy);
        api.WithRequestTimeout(ServerLimits.TimeoutPolicy);
        api.MapGet("/search", SearchAsync).WithName("Search").WithSummary("Photos for a text query (words, \"phrases\", -word, -\"concept\", folder:, after:, before:, camera:, sort:date)");
        api.MapPost("/search/image", SearchByImageAsync).WithName("SearchByImage").WithSummary("Photos like an uploaded image (multipart part 'image'), optionally with text").DisableAntiforgery();
        api.MapGet("/images/{id:long}/similar", SimilarAsync).WithName("SimilarPhotos").WithSummary("Photos that look like an indexed photo");
        return routes;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync([AsParameters] SearchParameters parameters, SearchEngine engine, CancellationToken cancellationToken)
    {
        var (request, error) = parameters.ToRequest();
        if (request is null)
        {
            return Problems.BadRequest(error!);
        }

        if (!request.Query.HasText)
        {
            return Problems.BadRequest("give q, the text to search for (or POST an image to /api/search/image)");
        }

        var vector = request.Mode == SearchMode.Keyword ? null : QueryVectors.ForText(engine.Model, request.Query, cancellationToken);
        return TypedResults.Ok(await RunAsync(engine, request with { TextVector = vector }, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchByImageAsync(HttpRequest http, [AsParameters] SearchParameters parameters, SearchEngine engine,
        Microsoft.Extensions.Options.IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var (bytes, name, text, problem) = await Uploads.ReadAsync(http, options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // The text may come as the query parameter or as a form field beside the image.
        var (request, error) = (string.IsNullOrWhiteSpace(parameters.Q) ? parameters with { Q = text } : parameters).ToRequest(SearchMode.Vector);
        if (request is null)
        {
            return Problems.BadRequest(error!);
        }

        // Decoded in memory; a file that is not an image (or too many pixels) is a typed error mapped to 415.
        var image = engine.Model.EmbedImage(bytes, name, engine.Decoder, cancellationToken);
        var vector = request.Query.HasText ? QueryVectors.ForText(engine.Model, request.Query, cancellationToken) : null;
        return TypedResults.Ok(await RunAsync(engine, request with { ImageVector = image, TextVector = vector }, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SimilarAsync(long id, [AsParameters] SearchParameters parameters, SearchEngine engine, CancellationToken cancellationToken)
    {
        var (request, error) = parameters.ToRequest(SearchMode.Vector);
        if (request is null)
        {
            return Problems.BadRequest(error!);
        }

        var vector = await engine.PhotoVectorAsync(id, cancellationToken).ConfigureAwait(false);
        return vector is null
            ? Problems.NotFound($"no indexed photo has id {id}")
            : TypedResults.Ok(await RunAsync(engine, request with { ImageVector = vector, Mode = SearchMode.Vector, Exclude = new HashSet<long> { id } }, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<SearchResponse> RunAsync(SearchEngine engine, SearchRequest request, CancellationToken cancellationToken)
    {
        using var lease = engine.TryLease();
        if (lease is null)
        {
            return new SearchResponse([], 0, request.Offset, Mode(request));
        }

        var results = await engine.Searcher(lease).SearchAsync(request, cancellationToken).ConfigureAwait(false);
        return new SearchResponse([.. results.Hits.Select(ToResult)], results.Matches, request.Offset, Mode(request));
    }

    private static string Mode(SearchRequest request) => request.Mode.ToString().ToLowerInvariant();

    private static SearchResult ToResult(PhotoHit hit) => new(hit.Id, hit.Path, hit.Score, hit.VectorScore, hit.KeywordScore, hit.Caption,
        hit.Width, hit.Height, hit.TakenAt, ImagesApi.ThumbnailUrl(hit.Id), hit.MatchedWords, hit.MatchedCaption);
}
