namespace Retrieval.Web.Contracts;

/// <summary>One indexed frame of a video: when it is shown (seconds) and its thumbnail.</summary>
public sealed record FrameResponse(double At, string ThumbnailUrl);
