using Microsoft.AspNetCore.Http.HttpResults;

namespace Retrieval.Web.Apis;

/// <summary>GET /api/health: whether the server is up, and which engine version it runs.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithName("GetHealth").WithSummary("Liveness probe");
        return routes;
    }

    private static Ok<HealthResponse> GetHealth() =>
        TypedResults.Ok(new HealthResponse("ok", typeof(Retrieval.Models.ClipModel).Assembly.GetName().Version?.ToString() ?? "unknown"));

    internal sealed record HealthResponse(string Status, string Version);
}
