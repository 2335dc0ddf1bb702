namespace Retrieval.Faces;

/// <summary>
/// A rotation, uniform scale and shift, <c>(x, y) → (a·x − b·y + tx, b·x + a·y + ty)</c>: what insightface's
/// <c>face_align.norm_crop</c> fits (scikit-image's <c>SimilarityTransform.estimate</c>, Umeyama's least squares) to take a
/// face's five key points onto ArcFace's template. In two dimensions Umeyama's solution is the closed form used here.
/// </summary>
internal readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    /// <summary>The transform taking <paramref name="source"/> onto <paramref name="target"/> with the least squared error.</summary>
    public static SimilarityTransform Fit(ReadOnlySpan<FacePoint> source, ReadOnlySpan<FacePoint> target)
    {
        var (sx, sy) = Mean(source);
        var (dx, dy) = Mean(target);
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var (x, y) = (source[i].X - sx, source[i].Y - sy);
            var (u, v) = (target[i].X - dx, target[i].Y - dy);
            dot += (x * u) + (y * v);
            cross += (x * v) - (y * u);
            norm += (x * x) + (y * y);
        }

        var (a, b) = (dot / norm, cross / norm);
        return new SimilarityTransform(a, b, dx - ((a * sx) - (b * sy)), dy - ((b * sx) + (a * sy)));
    }

    /// <summary>The point this transform takes to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Inverse(double x, double y)
    {
        var (u, v) = (x - Tx, y - Ty);
        var det = (A * A) + (B * B);
        return (((A * u) + (B * v)) / det, ((-B * u) + (A * v)) / det);
    }

    private static (double X, double Y) Mean(ReadOnlySpan<FacePoint> points)
    {
        double x = 0, y = 0;
        foreach (var point in points)
        {
            x += point.X;
            y += point.Y;
        }

        return (x / points.Length, y / points.Length);
    }
}
