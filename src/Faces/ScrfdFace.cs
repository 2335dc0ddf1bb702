namespace Retrieval.Faces;

/// <summary>A face SCRFD found: its box's corners, its score and its five key points, in the detector's image's pixels.</summary>
internal sealed record ScrfdFace(double X1, double Y1, double X2, double Y2, float Score, FacePoint[] Points)
{
    /// <summary>Its box as a corner and a size.</summary>
    public FaceBox Box => new(X1, Y1, X2 - X1, Y2 - Y1);
}
