using System.Globalization;
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

    private static async Task<Results<Ok<DuplicatesResponse>, ProblemHttpResult>> GetAsync(RetrievalEngine engine, CancellationToken cancellationToken, bool near = true, string? minSimilarity = null)
    {
        float? threshold = null;
        if (minSimilarity is not null)
        {
            if (!float.TryParse(minSimilarity, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < -1 or > 1 || float.IsNaN(value))
            {
                return Problems.BadRequest($"minSimilarity must be a number from -1 to 1, not '{minSimilarity}'");
            }

            threshold = value;
        }

        engine.CheckModel();
        var found = await engine.DuplicatesAsync(near, threshold, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DuplicatesResponse([.. found.Select(ToResult)], near ? threshold ?? engine.Duplicates.MinSimilarity : null));
    }

    private static DuplicateResult ToResult(DuplicatePhoto d) => new(d.Path, d.Original, d.Kind, MathF.Round(d.Similarity, 4), d.Id, d.OriginalId,
        ImagesApi.ThumbnailUrl(d.Kind == DuplicatePhoto.Exact ? d.OriginalId : d.Id), ImagesApi.ThumbnailUrl(d.OriginalId));
}
