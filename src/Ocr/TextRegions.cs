namespace Retrieval.Ocr;

/// <summary>
/// DB's post-processing (PaddleOCR's <c>DBPostProcess</c>) of the detector's text-probability map: pixels over the
/// threshold form regions (8-connected), each region's smallest rotated rectangle is kept when the mean probability
/// inside it reaches the box threshold and it is not a sliver, then grown by area × ratio / perimeter (the unclip, which
/// gives back the border DB's shrunk training targets took off) and mapped to the image's pixels.
/// </summary>
internal static class TextRegions
{
    private const int MinSide = 3;
    private const int MaxRegions = 1000;

    /// <summary>The text rectangles in <paramref name="probabilities"/> (<paramref name="width"/> × <paramref name="height"/>), in the map's pixels.</summary>
    public static List<RotatedRect> Find(ReadOnlySpan<float> probabilities, int width, int height, OcrOptions options)
    {
        var labels = new int[width * height];
        var regions = new List<RotatedRect>();
        var stack = new Stack<int>();
        var next = 0;
        for (var start = 0; start < labels.Length && regions.Count < MaxRegions; start++)
        {
            if (labels[start] != 0 || probabilities[start] <= options.BinaryThreshold)
            {
                continue;
            }

            // Flood the region, collecting its boundary pixels (those with a 4-neighbour outside it): their centres
            // are what OpenCV's contour of the region holds.
            var label = ++next;
            var boundary = new List<(double X, double Y)>();
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var (x, y) = (at % width, at / width);
                var edge = false;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        var inside = nx >= 0 && ny >= 0 && nx < width && ny < height && probabilities[(ny * width) + nx] > options.BinaryThreshold;
                        if (!inside)
                        {
                            edge |= dx == 0 || dy == 0;
                            continue;
                        }

                        var neighbour = (ny * width) + nx;
                        if (labels[neighbour] == 0)
                        {
                            labels[neighbour] = label;
                            stack.Push(neighbour);
                        }
                    }
                }

                if (edge)
                {
                    boundary.Add((x, y));
                }
            }

            var rect = RotatedRect.Around(boundary);
            if (rect.ShortSide < MinSide || MeanInside(probabilities, width, height, rect) < options.BoxThreshold)
            {
                continue;
            }

            var grown = rect.Grown(rect.Area * options.UnclipRatio / rect.Perimeter);
            if (grown.ShortSide >= MinSide + 2)
            {
                regions.Add(grown);
            }
        }

        return regions;
    }

    /// <summary>The mean probability of the map's pixels inside the rectangle (PaddleOCR's <c>box_score_fast</c>).</summary>
    private static double MeanInside(ReadOnlySpan<float> probabilities, int width, int height, RotatedRect rect)
    {
        var corners = rect.Corners();
        var (minX, maxX) = (Math.Clamp((int)Math.Floor(corners.Min(c => c.X)), 0, width - 1), Math.Clamp((int)Math.Ceiling(corners.Max(c => c.X)), 0, width - 1));
        var (minY, maxY) = (Math.Clamp((int)Math.Floor(corners.Min(c => c.Y)), 0, height - 1), Math.Clamp((int)Math.Ceiling(corners.Max(c => c.Y)), 0, height - 1));
        double sum = 0;
        var count = 0;
        for (var y = minY; y <= maxY; y++)
        {
            for (var x = minX; x <= maxX; x++)
            {
                if (Inside(corners, x, y))
                {
                    sum += probabilities[(y * width) + x];
                    count++;
                }
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    // A convex quadrilateral, corners in order: the point is on the same side of all four edges.
    private static bool Inside((double X, double Y)[] quad, double x, double y)
    {
        var sign = 0;
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = (quad[i], quad[(i + 1) % 4]);
            var cross = ((b.X - a.X) * (y - a.Y)) - ((b.Y - a.Y) * (x - a.X));
            var side = cross > 1e-9 ? 1 : cross < -1e-9 ? -1 : 0;
            if (side != 0 && sign != 0 && side != sign)
            {
                return false;
            }

            sign = sign == 0 ? side : sign;
        }

        return true;
    }
}
