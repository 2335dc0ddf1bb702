using System.Collections.Concurrent;
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

    /// <summary>The version of the column file at <paramref name="path"/> to remember its chunks under; null when none can be (<see cref="FileVersion"/>).</summary>
    public static string? FileState(string path) => FileVersion.Of(path) is { } version and not "absent" ? version : null;

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
