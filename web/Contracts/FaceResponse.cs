namespace Retrieval.Web.Contracts;

/// <summary>One of a person's faces: its id, the photo it is in, and its box there (<c>[x, y, width, height]</c>, the upright photo's pixels).</summary>
public sealed record FaceResponse(long Id, long PhotoId, IReadOnlyList<double> Box);
