using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>GET /api/map</c>: where the photos were taken — of what the search parameters find, or of the library — as points on a
/// grid coarse enough that a world map gets a few thousand at most (each with its count and a cover photo).
/// </summary>
internal static class WorldMapApi
{
    public static IEndpointRouteBuilder MapWorldMapApi(this IEndpointRouteBuilder routes)
    {
        routes.MapWorkGroup("/api").MapGet("/map", GetAsync).WithName("Map")
            .WithSummary("Where photos were taken (of what the search parameters q, type=, place=, ... find, or of the library): one point per grid cell, with its count and a cover photo")
            .InWorkSlot();
        return routes;
    }

    private static async Task<Ok<MapResponse>> GetAsync([AsParameters] SearchParameters parameters, LibraryBrowser browser, CancellationToken cancellationToken)
    {
        var map = await browser.MapAsync(parameters.ToInput(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MapResponse([.. map.Points.Select(p => new MapPoint(p.Latitude, p.Longitude, p.Count, p.Cover))], map.CellDegrees));
    }
}
