using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Indexing;

namespace Retrieval.Web.Apis;

/// <summary><c>GET /api/status</c> (counts, model, indexing progress) and <c>GET /healthz</c> (liveness).</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", GetStatus).WithName("GetStatus").WithSummary("The index's counts, the model, and background indexing progress");
        routes.MapGet("/healthz", GetHealth).WithName("GetHealth").WithSummary("Liveness probe");
        return routes;
    }

    /// <remarks>An index built with another model is a 409 here too, so the page can say why nothing will be found.</remarks>
    private static StatusResponse GetStatus(LibraryStatus library, EngineModels models, IndexAccess index, BackgroundIndexing indexing)
    {
        library.CheckModel();
        var counts = library.TryStatus()?.Counts;
        return new StatusResponse(index.Root, models.Model.Manifest.Id, counts?.Indexed ?? 0, counts?.Pending ?? 0, counts?.Failed ?? 0,
            counts?.Captions ?? 0, counts?.Tags ?? 0, indexing.Status);
    }

    private static HealthResponse GetHealth() =>
        new("ok", typeof(IndexAccess).Assembly.GetName().Version?.ToString() ?? "unknown");
}
