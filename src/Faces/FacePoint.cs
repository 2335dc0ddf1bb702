namespace Retrieval.Faces;

/// <summary>A point of a face (an eye's centre, the nose tip, a mouth corner) in an upright photo's pixels.</summary>
public readonly record struct FacePoint(double X, double Y);
