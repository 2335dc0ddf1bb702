namespace Retrieval.Vectors;

/// <summary>
/// The ids a search may return, applied inside the scan: vectors it excludes are never read. Dense ids
/// (catalog row ids) are held as a bitmap; sparse ones, where a bitmap would waste memory, as a set.
/// </summary>
public sealed class IdFilter
{
    private readonly ulong[]? _bits;
    private readonly HashSet<long>? _set;

    private IdFilter(ulong[]? bits, HashSet<long>? set)
    {
        _bits = bits;
        _set = set;
    }

    /// <summary>A filter allowing exactly <paramref name="ids"/> (negative ids are ignored).</summary>
    public static IdFilter Allow(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Where(id => id >= 0).ToList();
        var max = list.Count == 0 ? -1 : list.Max();
        // A bitmap costs max/8 bytes; use it while that is within 64 bits per allowed id.
        if (max / 64 > list.Count)
        {
            return new IdFilter(null, [.. list]);
        }

        var bits = new ulong[(max >> 6) + 1];
        foreach (var id in list)
        {
            bits[id >> 6] |= 1UL << (int)(id & 63);
        }

        return new IdFilter(bits, null);
    }

    /// <summary>Whether <paramref name="id"/> may be returned.</summary>
    public bool Contains(long id) => _bits is { } bits
        ? id >= 0 && (id >> 6) < bits.Length && (bits[id >> 6] & (1UL << (int)(id & 63))) != 0
        : _set!.Contains(id);
}
