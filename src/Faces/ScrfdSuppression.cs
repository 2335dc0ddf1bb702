namespace Retrieval.Faces;

/// <summary>
/// insightface's non-maximum suppression (<c>RetinaFace.nms</c>): best first, each face kept unless it overlaps one kept
/// before by more than the IoU limit, areas counted with its +1 (pixel-inclusive corners).
/// </summary>
internal static class ScrfdSuppression
{
    /// <summary>The faces of <paramref name="bestFirst"/> (sorted by score, best first) kept.</summary>
    public static List<ScrfdFace> Select(IReadOnlyList<ScrfdFace> bestFirst, double iouLimit)
    {
        var kept = new List<ScrfdFace>();
        foreach (var face in bestFirst)
        {
            var overlaps = false;
            for (var i = 0; i < kept.Count && !overlaps; i++)
            {
                overlaps = IntersectionOverUnion(kept[i], face) > iouLimit;
            }

            if (!overlaps)
            {
                kept.Add(face);
            }
        }

        return kept;
    }

    private static double IntersectionOverUnion(ScrfdFace a, ScrfdFace b)
    {
        var width = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1) + 1);
        var height = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1) + 1);
        var intersection = width * height;
        return intersection / (Area(a) + Area(b) - intersection);
    }

    private static double Area(ScrfdFace face) => (face.X2 - face.X1 + 1) * (face.Y2 - face.Y1 + 1);
}
