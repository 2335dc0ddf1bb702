namespace Retrieval.Duplicates;

/// <summary>
/// Near-duplicate pairs joined into groups (a copy of a copy is in its original's group), each with its original:
/// the largest photo in pixels; of equal ones the oldest file (an edit is saved after its original), then the
/// earliest indexed (smallest id).
/// </summary>
public static class DuplicateGroups
{
    /// <summary>
    /// Each grouped photo that is not its group's original, with the original; <paramref name="pixels"/> gives a photo's
    /// size, <paramref name="modified"/> when its file was last changed.
    /// </summary>
    public static IReadOnlyList<(long Photo, long Original)> Originals(IEnumerable<(long First, long Second, float Similarity)> pairs, Func<long, long> pixels, Func<long, long> modified)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(modified);
        var parent = new Dictionary<long, long>();
        long Find(long x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                parent[x] = parent.GetValueOrDefault(p, p); // path halving
                x = p;
            }

            return x;
        }

        foreach (var (first, second, _) in pairs)
        {
            parent.TryAdd(first, first);
            parent.TryAdd(second, second);
            var (a, b) = (Find(first), Find(second));
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }

        var result = new List<(long, long)>();
        foreach (var group in parent.Keys.GroupBy(Find))
        {
            var original = group.OrderByDescending(pixels).ThenBy(modified).ThenBy(id => id).First();
            result.AddRange(group.Where(id => id != original).Order().Select(id => (id, original)));
        }

        return result;
    }
}
