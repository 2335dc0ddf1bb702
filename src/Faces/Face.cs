namespace Retrieval.Faces;

/// <summary>A face found in a photo: where it is, how sure the detector was, its landmarks and its descriptor.</summary>
/// <param name="Box">Its detected box, in the upright photo's pixels.</param>
/// <param name="Score">The detector's confidence, up to 1 (face-api's from 0.5, SCRFD's from 0.7).</param>
/// <param name="Landmarks">
/// In the photo's pixels: face-api's 68 points (dlib's order: jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, mouth 48–67),
/// or SCRFD's five key points (<see cref="FaceItem.KeyPoints"/>'s order).
/// </param>
/// <param name="Descriptor">The recognizer's descriptor as the net gives it (not normalised): dlib's 128 numbers, or ArcFace's 512.</param>
public sealed record Face(FaceBox Box, float Score, IReadOnlyList<FacePoint> Landmarks, float[] Descriptor)
{
    /// <summary>The same face in an image <paramref name="x"/> times as wide and <paramref name="y"/> times as tall (a video frame read smaller than the video).</summary>
    public Face ScaledBy(double x, double y) => x == 1 && y == 1 ? this : this with
    {
        Box = new FaceBox(Box.X * x, Box.Y * y, Box.Width * x, Box.Height * y),
        Landmarks = [.. Landmarks.Select(p => new FacePoint(p.X * x, p.Y * y))],
    };
}
