using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Duplicates;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>GET /api/duplicates[?near=false][&amp;minSimilarity=S]</c>: the photos that repeat others, exact and (unless
/// <c>near=false</c>) edited copies — what <c>retrieval status --duplicates --near</c> lists. A pass over the whole
/// library, so it runs in a work slot like a search.
/// </summary>
internal static class DuplicatesApi
{
    public static IEndpointRouteBuilder MapDuplicatesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapWorkGroup("/api").MapGet("/duplicates", GetAsync).WithName("Duplicates")
            .WithSummary("Photos that repeat others: exact copies and edited ones (near=false for exact only; minSimilarity -1 to 1, default 0.9)").InWorkSlot();
        return routes;
    }

    /// <remarks>The engine checks the threshold's bounds (a 400 naming it); here it is only read.</remarks>
    private static async Task<Ok<DuplicatesResponse>> GetAsync(LibraryStatus library, CancellationToken cancellationToken, bool near = true, string? minSimilarity = null)
    {
        var threshold = (float?)SearchParameters.Number(minSimilarity, "minSimilarity");
        library.CheckModel();
        var found = await library.DuplicatesAsync(near, threshold, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DuplicatesResponse([.. found.Select(ToResult)], near ? threshold ?? library.DefaultMinSimilarity : null));
    }

    private static DuplicateResult ToResult(DuplicatePhoto d) => new(d.Path, d.Original, d.Kind, MathF.Round(d.Similarity, 4), d.Id, d.OriginalId,
        ImagesApi.ThumbnailUrl(d.Kind == DuplicatePhoto.Exact ? d.OriginalId : d.Id), ImagesApi.ThumbnailUrl(d.OriginalId));
}
