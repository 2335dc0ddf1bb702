namespace Retrieval.Faces;

/// <summary>
/// face-api's <c>FaceLandmarks.alignDlib</c>: the square a face's descriptor is computed on, from the centres of its eyes
/// and mouth. It does not rotate: a tilted face is described tilted.
/// </summary>
internal static class FaceAlignment
{
    /// <summary>The descriptor's square (whole pixels, not yet clipped to the image) for <paramref name="points"/>, found in <paramref name="crop"/>.</summary>
    public static PixelRect DlibBox(ReadOnlySpan<FacePoint> points, PixelRect crop)
    {
        var leftEye = Centre(points[36..42]);
        var rightEye = Centre(points[42..48]);
        var mouth = Centre(points[48..68]);
        var size = (int)Math.Floor((Distance(mouth, leftEye) + Distance(mouth, rightEye)) / 2 / 0.45);
        var centre = Centre([leftEye, rightEye, mouth]);
        var x = (int)Math.Floor(Math.Max(0, centre.X - (0.5 * size)));
        var y = (int)Math.Floor(Math.Max(0, centre.Y - (0.43 * size)));
        // face-api bounds the square by the landmark crop's size plus its own corner, as written.
        return new PixelRect(x, y, Math.Min(size, crop.Width + x), Math.Min(size, crop.Height + y));
    }

    /// <summary>The mean of <paramref name="points"/> (face-api's <c>getCenterPoint</c>).</summary>
    public static FacePoint Centre(ReadOnlySpan<FacePoint> points)
    {
        double x = 0, y = 0;
        foreach (var point in points)
        {
            x += point.X;
            y += point.Y;
        }

        return new FacePoint(x / points.Length, y / points.Length);
    }

    private static double Distance(FacePoint a, FacePoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
