namespace Retrieval.Vectors;

/// <summary>
/// The ids a search may return, as a bitmap over the id space (catalog ids are small dense integers).
/// Applied inside the scan: vectors it excludes are never read.
/// </summary>
public sealed class IdFilter
{
    private readonly ulong[] _bits;

    private IdFilter(ulong[] bits) => _bits = bits;

    /// <summary>A filter allowing exactly <paramref name="ids"/> (negative ids are ignored).</summary>
    public static IdFilter Allow(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Where(id => id >= 0).ToList();
        var bits = new ulong[list.Count == 0 ? 0 : (list.Max() >> 6) + 1];
        foreach (var id in list)
        {
            bits[id >> 6] |= 1UL << (int)(id & 63);
        }

        return new IdFilter(bits);
    }

    /// <summary>Whether <paramref name="id"/> may be returned.</summary>
    public bool Contains(long id) => id >= 0 && (id >> 6) < _bits.Length && (_bits[id >> 6] & (1UL << (int)(id & 63))) != 0;
}
