namespace Retrieval.Web.Contracts;

/// <summary>A video's indexed frames (<c>GET /api/images/{id}/frames</c>), in time order.</summary>
public sealed record FramesResponse(long Id, IReadOnlyList<FrameResponse> Frames);
