namespace Retrieval.Web.Contracts;

/// <summary>The answer to <c>GET /healthz</c>.</summary>
public sealed record HealthResponse(string Status, string Version);
