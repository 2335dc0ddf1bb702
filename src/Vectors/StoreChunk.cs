namespace Retrieval.Vectors;

/// <summary>A committed run of slots and the XxHash64 of its bytes in each of the four column files.</summary>
internal readonly record struct StoreChunk(long Start, long Count, ulong FloatsHash, ulong Int8Hash, ulong ScalesHash, ulong IdsHash)
{
    /// <summary>The serialized size.</summary>
    public const int Size = 48;

    public ulong Hash(int column) => column switch
    {
        0 => FloatsHash,
        1 => Int8Hash,
        2 => ScalesHash,
        _ => IdsHash,
    };
}
