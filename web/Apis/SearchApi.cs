using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Hosting;
using Retrieval.Search;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// Searching: <c>GET /api/search</c> (text in the search language), <c>POST /api/search/image</c> (an uploaded
/// image, with optional text: both fused), <c>GET /api/images/{id}/similar</c> (an indexed photo's neighbours).
/// </summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapWorkGroup("/api");
        api.MapGet("/search", SearchAsync).WithName("Search").WithSummary("Photos and videos for a text query (words, \"phrases\", -word, -\"concept\", folder:, after:, before:, camera:, type:, person:, -person:, sort:date), or every one the filters allow").InWorkSlot();
        api.MapPost("/search/image", SearchByImageAsync).WithName("SearchByImage").WithSummary("Photos like an uploaded image (multipart part 'image'), optionally with text").AfterUpload();
        api.MapGet("/images/{id:long}/similar", SimilarAsync).WithName("SimilarPhotos").WithSummary("Photos that look like an indexed photo").InWorkSlot();
        return routes;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync([AsParameters] SearchParameters parameters, SearchService search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(parameters.Q) && !parameters.HasFilter)
        {
            return Problems.BadRequest("give q, the text to search for, or a filter (type=, after=, folder=, person=, ...) to list what it allows (or POST an image to /api/search/image)");
        }

        return TypedResults.Ok(await RunAsync(search, parameters.ToInput(), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<SearchResponse>> SearchByImageAsync(HttpContext http, [AsParameters] SearchParameters parameters, SearchService search, CancellationToken cancellationToken)
    {
        // The text may come as the query parameter or as a form field beside the image.
        var upload = Uploads.Received(http);
        return TypedResults.Ok(await RunAsync(search, parameters.ToInput(ImageInput.FromBytes(upload.Bytes, upload.Name), upload.Text), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SimilarAsync(long id, [AsParameters] SearchParameters parameters, SearchService search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunAsync(search, parameters.ToInput(ImageInput.FromPhoto(id)), cancellationToken).ConfigureAwait(false));

    private static async Task<SearchResponse> RunAsync(SearchService search, SearchInput input, CancellationToken cancellationToken)
    {
        var results = await search.SearchAsync(input, cancellationToken).ConfigureAwait(false);
        return new SearchResponse([.. results.Hits.Select(ToResult)], results.Matches, input.Offset, results.Mode.ToString().ToLowerInvariant());
    }

    /// <summary>A hit as the API shows it: every listing of photos (search, timeline, on this day) answers with these.</summary>
    internal static SearchResult ToResult(PhotoHit hit) => new(hit.Id, hit.Path, hit.Score, hit.VectorScore, hit.KeywordScore, hit.Caption,
        hit.Width, hit.Height, hit.TakenAt, ImagesApi.ThumbnailUrl(hit.Id, hit.At), hit.MatchedWords, hit.MatchedCaption, hit.Why, hit.Kind, hit.At, hit.Duration, hit.Place, hit.People);
}
