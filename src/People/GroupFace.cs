namespace Retrieval.People;

/// <summary>
/// A face as the grouping sees it: its id, its photo (two faces of one photo are never one person), its unit-length
/// descriptor and the descriptor's own length, its size (the box's shorter side, in pixels) and the detector's score, the
/// person it belongs to and whether the user pinned it there.
/// </summary>
public sealed record GroupFace(long Id, long PhotoId, float[] Vector, float Norm, double Size, float Score, long? Person, bool Pinned);
