namespace Retrieval.Faces;

/// <summary>
/// face-api's greedy non-maximum suppression over the detector's anchors: those scoring above the threshold, best first
/// (ties in anchor order), each kept unless it overlaps one kept before by more than the IoU limit.
/// </summary>
internal static class NonMaxSuppression
{
    /// <summary>The anchors kept, best first: at most <paramref name="maxResults"/> of those scoring above <paramref name="minScore"/>.</summary>
    /// <param name="boxes">Each anchor's box: ymin, xmin, ymax, xmax.</param>
    /// <param name="scores">Each anchor's score.</param>
    /// <param name="maxResults">The most kept.</param>
    /// <param name="iouLimit">The overlap (intersection over union) above which the lower-scoring box is dropped.</param>
    /// <param name="minScore">The score an anchor must exceed.</param>
    public static List<int> Select(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, int maxResults, double iouLimit, double minScore)
    {
        var candidates = new List<(float Score, int Anchor)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > minScore)
            {
                candidates.Add((scores[i], i));
            }
        }

        // Best first; equal scores in anchor order, as JavaScript's stable sort leaves them.
        candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Anchor.CompareTo(b.Anchor));
        var selected = new List<int>();
        foreach (var (_, candidate) in candidates)
        {
            if (selected.Count >= Math.Min(maxResults, scores.Length))
            {
                break;
            }

            var overlapsKept = false;
            for (var j = selected.Count - 1; j >= 0 && !overlapsKept; j--)
            {
                overlapsKept = IntersectionOverUnion(boxes, candidate, selected[j]) > iouLimit;
            }

            if (!overlapsKept)
            {
                selected.Add(candidate);
            }
        }

        return selected;
    }

    private static double IntersectionOverUnion(ReadOnlySpan<float> boxes, int i, int j)
    {
        var a = Corners(boxes, i);
        var b = Corners(boxes, j);
        var areaA = (a.YMax - a.YMin) * (a.XMax - a.XMin);
        var areaB = (b.YMax - b.YMin) * (b.XMax - b.XMin);
        if (areaA <= 0 || areaB <= 0)
        {
            return 0;
        }

        var intersection = Math.Max(Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin), 0) * Math.Max(Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin), 0);
        return intersection / (areaA + areaB - intersection);
    }

    private static (double YMin, double XMin, double YMax, double XMax) Corners(ReadOnlySpan<float> boxes, int i)
    {
        var box = boxes.Slice(i * 4, 4);
        return (Math.Min(box[0], box[2]), Math.Min(box[1], box[3]), Math.Max(box[0], box[2]), Math.Max(box[1], box[3]));
    }
}
