using System.Buffers.Binary;
using Retrieval.Errors;
using Retrieval.Vectors.Files;

namespace Retrieval.Vectors;

/// <summary>
/// How a read-only store follows the writer in another process. Each search first reads the manifest's
/// generation (a few bytes); only when it changed is the whole manifest read and checked, and the files
/// remapped when they grew or a compaction switched segments. The writer only ever appends to, grows or
/// unlinks files, never truncates one that is committed, so a map a reader holds stays valid.
/// </summary>
public sealed partial class VectorStore
{
    // A compaction may replace the segment between reading a manifest and opening the files it names.
    private const int RefreshAttempts = 20;

    private readonly Lock _refresh = new();

    /// <summary>A reader catches up with the writer's last commit (searches and lookups do this themselves); a writer is always current.</summary>
    /// <exception cref="CorruptStoreException">The manifest or the files it names stay unreadable or inconsistent.</exception>
    public void Refresh()
    {
        if (!IsReadOnly || OnDiskGeneration() is var generation && (generation == _state.Manifest.Generation || generation == Deleted))
        {
            // A store deleted under a reader (its writer dropped the collection) reads as it last was: its files
            // are unlinked, not truncated, and the maps hold them until the reader closes.
            return;
        }

        lock (_refresh)
        {
            RetriedWhileSegmentsMove(() =>
            {
                FollowManifest();
                return true;
            });
        }
    }

    /// <summary>Runs <paramref name="attempt"/> again (a few times, briefly) while a compaction may be replacing the segment a reader is opening.</summary>
    private static T RetriedWhileSegmentsMove<T>(Func<T> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return attempt();
            }
            catch (Exception e) when (tries < RefreshAttempts && e is CorruptStoreException or IOException)
            {
                Thread.Sleep(tries);
            }
        }
    }

    // What OnDiskGeneration says when the manifest, or the whole folder, is gone.
    private const long Deleted = -2;

    /// <summary>The generation in the manifest's header; <see cref="Deleted"/> when there is no manifest; -1 when it cannot be read (then the full read tells why).</summary>
    private long OnDiskGeneration()
    {
        Span<byte> header = stackalloc byte[StoreManifest.GenerationOffset + sizeof(long)];
        try
        {
            return _files.ReadPrefix(_manifestPath, header) == header.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(header) == StoreManifest.Magic
                ? BinaryPrimitives.ReadInt64LittleEndian(header[StoreManifest.GenerationOffset..])
                : -1;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Deleted;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private void FollowManifest()
    {
        var path = _manifestPath;
        var manifest = StoreManifest.Parse(_files.ReadAllBytes(path), path);
        CheckChunks(manifest, path);
        if (manifest.Generation == _state.Manifest.Generation)
        {
            return;
        }

        if (manifest.Dimension != Dimension || manifest.ModelId != ModelId)
        {
            throw new CorruptStoreException(path, $"the store changed to {manifest.Dimension} dimensions of model '{manifest.ModelId}' under a reader of {Dimension} of '{ModelId}'");
        }

        if (manifest.Segment == _segment.Number)
        {
            WithMapWriteLock(() => _segment.Cover(manifest.SlotCount));
            Publish(manifest, _segment);
            return;
        }

        var segment = Segment.Open(_files, _directory, manifest.Segment, Dimension, manifest.SlotCount, ColumnAccess.Read);
        var old = _segment;
        try
        {
            Publish(manifest, segment);
        }
        catch
        {
            segment.Dispose();
            throw;
        }

        old.Dispose();
    }
}
