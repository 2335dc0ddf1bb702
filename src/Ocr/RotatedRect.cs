namespace Retrieval.Ocr;

/// <summary>
/// A rectangle at any angle — the smallest around a set of points (OpenCV's <c>minAreaRect</c>, by rotating calipers
/// over the convex hull) — and what DB's post-processing does with it: grow it, and list its corners in order.
/// </summary>
internal readonly record struct RotatedRect(double CenterX, double CenterY, double Width, double Height, double AngleRadians)
{
    /// <summary>The shorter side.</summary>
    public double ShortSide => Math.Min(Width, Height);

    public double Area => Width * Height;

    public double Perimeter => 2 * (Width + Height);

    /// <summary>The smallest rectangle around <paramref name="points"/> (at least one).</summary>
    public static RotatedRect Around(IReadOnlyList<(double X, double Y)> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count == 1)
        {
            return new RotatedRect(hull[0].X, hull[0].Y, 0, 0, 0);
        }

        var best = new RotatedRect(0, 0, double.MaxValue, double.MaxValue, 0);
        for (var i = 0; i < hull.Count; i++)
        {
            var (ax, ay) = hull[i];
            var (bx, by) = hull[(i + 1) % hull.Count];
            var length = Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)));
            if (length == 0)
            {
                continue;
            }

            // The edge's direction and its normal; every hull point projected onto both.
            var (ux, uy) = ((bx - ax) / length, (by - ay) / length);
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var (px, py) in hull)
            {
                var u = (px * ux) + (py * uy);
                var v = (-px * uy) + (py * ux);
                (minU, maxU, minV, maxV) = (Math.Min(minU, u), Math.Max(maxU, u), Math.Min(minV, v), Math.Max(maxV, v));
            }

            var (w, h) = (maxU - minU, maxV - minV);
            if (w * h < best.Area)
            {
                var (cu, cv) = ((minU + maxU) / 2, (minV + maxV) / 2);
                best = new RotatedRect((cu * ux) - (cv * uy), (cu * uy) + (cv * ux), w, h, Math.Atan2(uy, ux));
            }
        }

        return best;
    }

    /// <summary>The rectangle grown by <paramref name="distance"/> on every side (what unclipping a rectangle by that offset gives).</summary>
    public RotatedRect Grown(double distance) => this with { Width = Width + (2 * distance), Height = Height + (2 * distance) };

    /// <summary>The four corners, clockwise from the top left, the long side along the text (as PaddleOCR orders them).</summary>
    public (double X, double Y)[] Corners()
    {
        var (c, s) = (Math.Cos(AngleRadians), Math.Sin(AngleRadians));
        var (hw, hh, cx, cy) = (Width / 2, Height / 2, CenterX, CenterY);
        (double, double) At(double u, double v) => (cx + (u * c) - (v * s), cy + (u * s) + (v * c));
        var corners = new[] { At(-hw, -hh), At(hw, -hh), At(hw, hh), At(-hw, hh) };
        // Order: the two leftmost are the left side; of each side the upper is first.
        var byX = corners.OrderBy(p => p.Item1).ToArray();
        var (topLeft, bottomLeft) = byX[0].Item2 <= byX[1].Item2 ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[2].Item2 <= byX[3].Item2 ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [topLeft, topRight, bottomRight, bottomLeft];
    }

    /// <summary>Andrew's monotone chain, counter-clockwise, without collinear points.</summary>
    private static List<(double X, double Y)> ConvexHull(IReadOnlyList<(double X, double Y)> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count <= 2)
        {
            return sorted;
        }

        static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
        var hull = new List<(double X, double Y)>(sorted.Count * 2);
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }
}
