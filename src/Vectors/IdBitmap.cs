using Retrieval.Ids;
namespace Retrieval.Vectors;

/// <summary>
/// An <see cref="IdFilter"/> compiled for the scan: one bit per id up to the largest one it names (catalog ids
/// are dense), so the per-vector test is a shift and a mask. Ids past the bitmap take the filter's default:
/// refused when it lists the allowed ids, allowed when it lists only exclusions. Sparse ids, where a bitmap would
/// waste memory (more than 64 bits per id named), are tested against the filter's own sets instead.
/// </summary>
internal sealed class IdBitmap
{
    private readonly ulong[]? _bits;
    private readonly IdFilter _filter;

    private IdBitmap(ulong[]? bits, IdFilter filter) => (_bits, _filter) = (bits, filter);

    /// <summary>The bitmap of the ids <paramref name="filter"/> allows.</summary>
    public static IdBitmap Compile(IdFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var named = (filter.Allowed ?? (IEnumerable<long>)[]).Concat(filter.Excluded).Where(id => id >= 0).ToList();
        var max = named.Count == 0 ? -1 : named.Max();
        if (max / 64 > named.Count)
        {
            return new IdBitmap(null, filter);
        }

        var bits = new ulong[(max >> 6) + 1];
        if (filter.Allowed is null)
        {
            Array.Fill(bits, ulong.MaxValue);
        }

        foreach (var id in filter.Allowed ?? (IEnumerable<long>)[])
        {
            if (id >= 0)
            {
                bits[id >> 6] |= 1UL << (int)(id & 63);
            }
        }

        foreach (var id in filter.Excluded)
        {
            if (id >= 0)
            {
                bits[id >> 6] &= ~(1UL << (int)(id & 63));
            }
        }

        return new IdBitmap(bits, filter);
    }

    /// <summary>Whether <paramref name="id"/> may be returned.</summary>
    public bool Contains(long id) => _bits is not { } bits
        ? _filter.Contains(id)
        : id >= 0 && ((id >> 6) < bits.Length ? (bits[id >> 6] & (1UL << (int)(id & 63))) != 0 : _filter.Allowed is null);
}
