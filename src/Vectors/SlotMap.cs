using System.Collections.Concurrent;

namespace Retrieval.Vectors;

/// <summary>
/// Which slot holds each live id, for lookups by id (get a vector, score given ids, replace on upsert). Built
/// on first need from the ids column, then advanced commit by commit; lookups read it without a lock while
/// the writer advances it. A lookup checks the slot against its own state snapshot, so a stale entry
/// (an id deleted by a commit the map has not caught up with) is never returned as live.
/// </summary>
internal sealed class SlotMap
{
    private readonly ConcurrentDictionary<long, long> _slots;

    private SlotMap(ConcurrentDictionary<long, long> slots) => _slots = slots;

    /// <summary>Reads every live slot's id; the caller holds the map lock.</summary>
    public static unsafe SlotMap Build(Segment segment, StoreState state)
    {
        var slots = new ConcurrentDictionary<long, long>(concurrencyLevel: 1, capacity: (int)Math.Min(state.LiveCount, int.MaxValue / 4));
        var ids = segment.Ids;
        for (long slot = 0; slot < state.Manifest.SlotCount; slot++)
        {
            if (!state.IsDeleted(slot))
            {
                slots[ids[slot]] = slot;
            }
        }

        return new SlotMap(slots);
    }

    /// <summary>The live slot of <paramref name="id"/> in <paramref name="state"/>.</summary>
    public bool TryGetSlot(long id, StoreState state, out long slot) =>
        _slots.TryGetValue(id, out slot) && slot < state.Manifest.SlotCount && !state.IsDeleted(slot);

    /// <summary>
    /// Follows a commit within the same segment: slots appended after <paramref name="before"/> take their ids
    /// (a later slot of the same id wins), and slots deleted since release theirs. The caller holds the map lock.
    /// </summary>
    public unsafe void Advance(Segment segment, StoreState before, StoreState after)
    {
        var ids = segment.Ids;
        for (var slot = before.Manifest.SlotCount; slot < after.Manifest.SlotCount; slot++)
        {
            if (!after.IsDeleted(slot))
            {
                _slots[ids[slot]] = slot;
            }
        }

        foreach (var slot in after.Manifest.Deleted)
        {
            if (slot < before.Manifest.SlotCount && !before.IsDeleted(slot))
            {
                _slots.TryRemove(new KeyValuePair<long, long>(ids[slot], slot));
            }
        }
    }
}
