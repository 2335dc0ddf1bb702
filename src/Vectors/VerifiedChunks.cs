using System.Collections.Concurrent;
using System.Globalization;
using Retrieval.Storage;

namespace Retrieval.Vectors;

/// <summary>
/// The chunks whose checksums this process has already verified, each under the identity of its column file as it
/// was then (device:inode, length and modification time), so a store opened again while its files are unchanged — a
/// server's next pooled reader — hashes nothing (a 1M x 512 store takes 0.47 s). Any write to a file, a damaging one
/// or the writer's next append, changes its time and so has its chunks verified again; a file replaced under the same
/// name has another inode. Only <see cref="VectorStore"/>'s open consults it; an explicit <c>Verify()</c> hashes everything.
/// </summary>
internal static class VerifiedChunks
{
    // Entries of unlinked or rewritten files are never asked for again; past this many the record starts afresh.
    private const int MaximumEntries = 1 << 16;

    private static readonly ConcurrentDictionary<(string File, StoreChunk Chunk, int Column), byte> Verified = new();

    // A file's time moves in coarse steps (the kernel's tick): a write in the same step as the last one would leave it
    // as it was. Files written this recently are verified every time, as git treats "racily clean" files.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The identity of the file at <paramref name="path"/> as it is now; null when it cannot be told or the file was
    /// written too recently to tell a later write by its time (nothing is then taken as verified, nor recorded).
    /// </summary>
    public static string? FileState(string path)
    {
        var identity = FileIdentity.Of(path);
        var info = new FileInfo(path);
        return identity is null || !info.Exists || DateTime.UtcNow - info.LastWriteTimeUtc < Settled
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{identity}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
    }

    public static bool Contains(string? file, StoreChunk chunk, int column) => file is not null && Verified.ContainsKey((file, chunk, column));

    public static void Add(string? file, StoreChunk chunk, int column)
    {
        if (file is null)
        {
            return;
        }

        if (Verified.Count >= MaximumEntries)
        {
            Verified.Clear();
        }

        Verified.TryAdd((file, chunk, column), 0);
    }
}
