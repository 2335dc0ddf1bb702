namespace Retrieval.Vectors;

/// <summary>
/// What searches see: one committed manifest and its deleted slots as a bitmap. Immutable; each commit
/// publishes a new one, so a search never observes half a commit.
/// </summary>
internal sealed class StoreState
{
    private readonly ulong[] _deleted;

    private StoreState(StoreManifest manifest, ulong[] deleted)
    {
        Manifest = manifest;
        _deleted = deleted;
        LiveCount = manifest.SlotCount - manifest.Deleted.Count;
    }

    public StoreManifest Manifest { get; }

    public long LiveCount { get; }

    public static StoreState From(StoreManifest manifest)
    {
        var deleted = new ulong[(manifest.SlotCount + 63) / 64];
        foreach (var slot in manifest.Deleted)
        {
            deleted[slot >> 6] |= 1UL << (int)(slot & 63);
        }

        return new StoreState(manifest, deleted);
    }

    public bool IsDeleted(long slot) => (_deleted[slot >> 6] & (1UL << (int)(slot & 63))) != 0;

    /// <summary>The committed, not deleted slots among the 64 starting at <paramref name="block"/> x 64, as bits.</summary>
    public ulong LiveMask(long block)
    {
        var first = block * 64;
        var valid = Manifest.SlotCount - first;
        var mask = valid >= 64 ? ulong.MaxValue : (1UL << (int)valid) - 1;
        return mask & ~_deleted[block];
    }
}
