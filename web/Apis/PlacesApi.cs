using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Hosting;
using Retrieval.Search;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;

namespace Retrieval.Web.Apis;

/// <summary>
/// <c>GET /api/places[?folder=…&amp;after=…&amp;before=…&amp;camera=…&amp;type=…]</c>: where the photos were taken, as
/// countries → regions → cities with a count and a cover photo each — what <c>retrieval places --json</c> prints. The
/// filters narrow which photos count.
/// </summary>
internal static class PlacesApi
{
    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapWorkGroup("/api").MapGet("/places", GetPlaces).WithName("Places")
            .WithSummary("Where the photos were taken: countries, their regions and cities, each with its photo count and cover (filters: folder, after, before, camera, type)").InWorkSlot();
        return routes;
    }

    private static Ok<PlacesResponse> GetPlaces(LibraryStatus library, string? folder = null, string? after = null, string? before = null, string? camera = null, string? type = null)
    {
        var (filter, _) = QueryParser.ParseFields([("folder", folder), ("after", after), ("before", before), ("camera", camera), ("type", type)]);
        var places = library.Places(filter);
        return TypedResults.Ok(new PlacesResponse([.. places.Countries.Select(c => new PlacesResponse.CountryPlaces(c.Code!, c.Name!, c.Count, c.Cover,
            [.. c.Parts.Select(r => new PlacesResponse.RegionPlaces(r.Name, r.Count, r.Cover, [.. r.Parts.Select(t => new PlacesResponse.CityPlaces(t.Name!, t.Count, t.Cover))]))]))],
            places.Unplaced));
    }
}
