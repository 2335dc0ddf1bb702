using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text;
using Retrieval.Errors;

namespace Retrieval.Vectors;

/// <summary>
/// The one mutable record of a store: which segment holds the vectors, how many slots of it are committed,
/// which slots are deleted, and a checksum for each committed run of slots. A commit writes a whole new
/// manifest beside the old one, flushes it, and renames it over the old one, so a crash leaves either the
/// old or the new manifest, never a mix; slots written but not yet in a manifest simply do not exist.
/// </summary>
/// <remarks>
/// Format, little-endian: magic "RVS1", version u16, reserved u16, dimension i32, generation i64, segment i64,
/// slot count i64, model id (i32 byte length + UTF-8), chunk count i32 then (start i64, count i64, and the
/// hash u64 of each column) each, deleted count i64 then sorted slots i64 each, and last an XxHash64 of every byte before it.
/// </remarks>
internal sealed record StoreManifest
{
    public const uint Magic = 0x31535652; // "RVS1"
    public const ushort CurrentVersion = 1;

    /// <summary>Where the generation sits, so a reader can check for a new commit by reading the header alone.</summary>
    public const int GenerationOffset = 12;

    public required int Dimension { get; init; }

    public required string ModelId { get; init; }

    /// <summary>Incremented by every commit.</summary>
    public required long Generation { get; init; }

    public required long Segment { get; init; }

    /// <summary>Committed slots, deleted ones included.</summary>
    public required long SlotCount { get; init; }

    public required IReadOnlyList<StoreChunk> Chunks { get; init; }

    /// <summary>Deleted slots, ascending.</summary>
    public required IReadOnlyList<long> Deleted { get; init; }

    public byte[] Serialize()
    {
        var model = Encoding.UTF8.GetBytes(ModelId);
        var length = 36 + 4 + model.Length + 4 + (Chunks.Count * StoreChunk.Size) + 8 + (Deleted.Count * 8) + 8;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], CurrentVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(span[GenerationOffset..], Generation);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], Segment);
        BinaryPrimitives.WriteInt64LittleEndian(span[28..], SlotCount);
        var at = 36;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], model.Length);
        model.CopyTo(span[(at + 4)..]);
        at += 4 + model.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], Chunks.Count);
        at += 4;
        foreach (var chunk in Chunks)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], chunk.Start);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], chunk.Count);
            for (var column = 0; column < 4; column++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 16 + (column * 8))..], chunk.Hash(column));
            }

            at += StoreChunk.Size;
        }

        BinaryPrimitives.WriteInt64LittleEndian(span[at..], Deleted.Count);
        at += 8;
        foreach (var slot in Deleted)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], slot);
            at += 8;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], XxHash64.HashToUInt64(span[..at]));
        return bytes;
    }

    /// <summary>Parses and checks a manifest; nothing is trusted before the checksum and every bound are.</summary>
    public static StoreManifest Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 56)
        {
            throw new CorruptStoreException(path, $"{bytes.Length} bytes is too short for a manifest");
        }

        var stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
        if (XxHash64.HashToUInt64(bytes[..^8]) != stored)
        {
            throw new CorruptStoreException(path, "the manifest checksum does not match its contents");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new CorruptStoreException(path, "not a vector store manifest (bad magic number)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != CurrentVersion)
        {
            throw new CorruptStoreException(path, $"format version {version} is not supported (this build reads {CurrentVersion})");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var generation = BinaryPrimitives.ReadInt64LittleEndian(bytes[GenerationOffset..]);
        var segment = BinaryPrimitives.ReadInt64LittleEndian(bytes[20..]);
        var slotCount = BinaryPrimitives.ReadInt64LittleEndian(bytes[28..]);
        var body = bytes[36..^8];
        var modelLength = Read<int>(ref body, path);
        if (dimension <= 0 || slotCount < 0 || segment < 0 || modelLength < 0 || modelLength > body.Length)
        {
            throw new CorruptStoreException(path, "the manifest header holds impossible values");
        }

        var modelId = Encoding.UTF8.GetString(body[..modelLength]);
        body = body[modelLength..];
        var chunkCount = Read<int>(ref body, path);
        if (chunkCount < 0 || (long)chunkCount * StoreChunk.Size > body.Length)
        {
            throw new CorruptStoreException(path, "the chunk table is truncated");
        }

        var chunks = new StoreChunk[chunkCount];
        for (var i = 0; i < chunkCount; i++)
        {
            chunks[i] = new StoreChunk(Read<long>(ref body, path), Read<long>(ref body, path),
                (ulong)Read<long>(ref body, path), (ulong)Read<long>(ref body, path), (ulong)Read<long>(ref body, path), (ulong)Read<long>(ref body, path));
        }

        var deletedCount = Read<long>(ref body, path);
        if (deletedCount < 0 || deletedCount * 8 != body.Length)
        {
            throw new CorruptStoreException(path, "the deleted-slot table is truncated");
        }

        var deleted = new long[deletedCount];
        for (var i = 0; i < deleted.Length; i++)
        {
            deleted[i] = Read<long>(ref body, path);
            if (deleted[i] < 0 || deleted[i] >= slotCount)
            {
                throw new CorruptStoreException(path, $"deleted slot {deleted[i]} is outside the {slotCount} committed slots");
            }
        }

        return new StoreManifest
        {
            Dimension = dimension,
            ModelId = modelId,
            Generation = generation,
            Segment = segment,
            SlotCount = slotCount,
            Chunks = chunks,
            Deleted = deleted,
        };
    }

    private static T Read<T>(ref ReadOnlySpan<byte> span, string path) where T : IBinaryInteger<T>
    {
        var size = T.Zero.GetByteCount();
        if (span.Length < size)
        {
            throw new CorruptStoreException(path, "the manifest is truncated");
        }

        var value = T.ReadLittleEndian(span[..size], isUnsigned: false);
        span = span[size..];
        return value;
    }
}
