using Retrieval.Web.Contracts;
using Retrieval.Web.Engine;

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

    private static StatusResponse GetStatus(SearchEngine engine, IndexingService indexing)
    {
        using var lease = engine.TryLease();
        var counts = lease?.Index.Catalog.Counts();
        return new StatusResponse(engine.Paths.Root, engine.Model.Manifest.Id, counts?.Indexed ?? 0, counts?.Pending ?? 0, counts?.Failed ?? 0,
            counts?.Captions ?? 0, counts?.Tags ?? 0, indexing.Status);
    }

    private static HealthResponse GetHealth() =>
        new("ok", typeof(Retrieval.Models.ClipModel).Assembly.GetName().Version?.ToString() ?? "unknown");
}
