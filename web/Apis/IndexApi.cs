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
        routes.MapPost("/api/index", Rescan).WithName("Rescan").WithSummary("Brings the index up to date with its folders, in the background; needs the API key and a JSON body ({})")
            .RequireKey();
        return routes;
    }

    /// <remarks>
    /// A JSON body is required: a browser sends one to another origin only after a preflight, which this server never
    /// grants, so no page elsewhere can start a rescan with a plain form.
    /// </remarks>
    private static Results<Accepted<IndexResponse>, ProblemHttpResult> Rescan(HttpRequest request, BackgroundIndexing indexing) =>
        !request.HasJsonContentType() ? Problems.Unsupported("send the request with Content-Type: application/json (a body of {} will do)")
        : indexing.TryStart() ? TypedResults.Accepted("/api/status", new IndexResponse(true, "rescanning the indexed folders; GET /api/status shows the progress"))
        : Problems.Conflict("an index run is already in progress; GET /api/status shows it");
}
