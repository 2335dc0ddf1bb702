namespace Retrieval.Web.Contracts;

/// <summary>One indexed caption ranked for an image (image to text), with the photo it belongs to.</summary>
public sealed record CaptionResult(long CaptionId, string Caption, double Score, long PhotoId, string Path, string ThumbnailUrl);
