using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Web.Contracts;
using Retrieval.Web.Indexing;
using Retrieval.Web.Security;

namespace Retrieval.Web.Apis;

/// <summary><c>POST /api/index</c>: rescan every indexed folder in the background (API key).</summary>
internal static class IndexApi
{
    public static IEndpointRouteBuilder MapIndexApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/index", Rescan).WithName("Rescan").WithSummary("Brings the index up to date with its folders, in the background; needs the API key")
            .AddEndpointFilter<ApiKeyFilter>();
        return routes;
    }

    private static Results<Accepted<IndexResponse>, ProblemHttpResult> Rescan(BackgroundIndexing indexing) =>
        indexing.TryStart()
            ? TypedResults.Accepted("/api/status", new IndexResponse(true, "rescanning the indexed folders; GET /api/status shows the progress"))
            : Problems.Conflict("an index run is already in progress; GET /api/status shows it");
}
