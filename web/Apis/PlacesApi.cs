using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>GET /api/places</c> with the parameters of <c>GET /api/search</c> (<c>q</c>, <c>place=</c>, <c>near=</c>, <c>after=</c>, …):
/// where the photos they find (none given: the whole library) were taken, as countries → regions → cities with a count
/// and a cover photo each — what <c>retrieval places --json</c> prints for the whole library.
/// </summary>
internal static class PlacesApi
{
    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapWorkGroup("/api").MapGet("/places", GetPlacesAsync).WithName("Places")
            .WithSummary("Where the photos were taken: countries, their regions and cities, each with its photo count and cover (the search's parameters narrow it)").InWorkSlot();
        return routes;
    }

    private static async Task<Ok<PlacesResponse>> GetPlacesAsync([AsParameters] SearchParameters parameters, SearchService search, LibraryStatus library,
        CancellationToken cancellationToken)
    {
        var places = library.Places(await search.FoundAsync(parameters.ToInput(), cancellationToken).ConfigureAwait(false));
        return TypedResults.Ok(new PlacesResponse([.. places.Countries.Select(c => new PlacesResponse.CountryPlaces(c.Code!, c.Name!, c.Count, c.Cover,
            [.. c.Parts.Select(r => new PlacesResponse.RegionPlaces(r.Name, r.Count, r.Cover, [.. r.Parts.Select(t => new PlacesResponse.CityPlaces(t.Name, t.Count, t.Cover))]))]))],
            places.Unplaced));
    }
}
