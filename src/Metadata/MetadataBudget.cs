namespace Retrieval.Metadata;

/// <summary>
/// What reading one file's metadata may cost, in bytes: every block handed to a parser, every byte inflated and
/// every value an Exif block asks to be allocated is taken from it first, and what does not fit is not read.
/// One budget serves one file, on one thread.
/// </summary>
public sealed class MetadataBudget(long bytes)
{
    /// <summary>The default per-file budget: 16 MB, far above what any camera or editor writes (tens of kilobytes; a few megabytes of XMP history at most).</summary>
    public const long DefaultBytes = 16L << 20;

    /// <summary>What is left.</summary>
    public long Left { get; private set; } = bytes;

    /// <summary>Takes <paramref name="cost"/> bytes when that many are left; otherwise takes nothing and says so.</summary>
    public bool TryTake(long cost)
    {
        if (cost < 0 || cost > Left)
        {
            return false;
        }

        Left -= cost;
        return true;
    }
}
