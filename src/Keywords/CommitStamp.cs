namespace Retrieval.Keywords;

/// <summary>
/// Whether a Lucene folder may hold a commit a reader has not seen yet, from the folder's modification time: every
/// commit creates a new <c>segments_N</c> file, which changes it. Asking Lucene (<c>MaybeRefresh</c>) reads the
/// commit point from disk, about a millisecond on every search; a stat costs microseconds.
/// </summary>
internal sealed class CommitStamp(string folder)
{
    // Coarse file-system clocks (1 s, 2 s on FAT) can hide a second commit within the tick of the first: for this
    // long after a change, Lucene is asked every time.
    private static readonly long SettleTicks = TimeSpan.FromSeconds(3).Ticks;

    private long _seen = long.MinValue;

    /// <summary>The folder's stamp now, to hand to <see cref="Seen"/> once the reader is refreshed.</summary>
    public long Current() => Directory.GetLastWriteTimeUtc(folder).Ticks;

    /// <summary>True unless <paramref name="stamp"/> is the one last seen and has settled.</summary>
    public bool MayHaveChanged(long stamp) => stamp != Volatile.Read(ref _seen) || DateTime.UtcNow.Ticks - stamp < SettleTicks;

    /// <summary>The reader now reflects the folder as of <paramref name="stamp"/> (taken before the refresh, so a commit during it is not missed).</summary>
    public void Seen(long stamp) => Volatile.Write(ref _seen, stamp);
}
