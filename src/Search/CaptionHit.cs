namespace Retrieval.Search;

/// <summary>One ranked caption (image to text): its text and score, and the photo it belongs to.</summary>
public sealed record CaptionHit(long CaptionId, string Caption, double Score, long PhotoId, string Path);
