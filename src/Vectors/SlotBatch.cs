using System.Runtime.InteropServices;
using Retrieval.Vectors.Kernels;

namespace Retrieval.Vectors;

/// <summary>
/// Slots ready to be written, laid out exactly as the column files are: normalised float32 vectors, their
/// int8 copies, the int8 scales and the ids. Filled by <see cref="Add"/>; written by <see cref="Segment.WriteAsync"/>.
/// </summary>
internal sealed class SlotBatch
{
    private readonly byte[] _floats;
    private readonly byte[] _int8;
    private readonly byte[] _scales;
    private readonly byte[] _ids;
    private readonly int _dimension;

    public SlotBatch(int capacity, int dimension)
    {
        _dimension = dimension;
        _floats = new byte[capacity * dimension * sizeof(float)];
        _int8 = new byte[capacity * dimension];
        _scales = new byte[capacity * sizeof(float)];
        _ids = new byte[capacity * sizeof(long)];
    }

    public int Count { get; private set; }

    /// <summary>Brings <paramref name="vector"/> to unit length (<see cref="UnitLength"/>), quantizes it, and appends the slot.</summary>
    public void Add(long id, ReadOnlySpan<float> vector)
    {
        var floats = MemoryMarshal.Cast<byte, float>(_floats.AsSpan(Count * _dimension * sizeof(float), _dimension * sizeof(float)));
        UnitLength.Normalise(vector, floats);

        var scale = VectorKernels.QuantizeInt8(floats, MemoryMarshal.Cast<byte, sbyte>(_int8.AsSpan(Count * _dimension, _dimension)));
        MemoryMarshal.Write(_scales.AsSpan(Count * sizeof(float)), scale);
        MemoryMarshal.Write(_ids.AsSpan(Count * sizeof(long)), id);
        Count++;
    }

    /// <summary>Copies slot <paramref name="slot"/> of <paramref name="segment"/> as it is (compaction).</summary>
    public unsafe void CopyFrom(Segment segment, long slot)
    {
        segment.Vector(slot).CopyTo(MemoryMarshal.Cast<byte, float>(_floats.AsSpan(Count * _dimension * sizeof(float), _dimension * sizeof(float))));
        segment.QuantizedVector(slot).CopyTo(MemoryMarshal.Cast<byte, sbyte>(_int8.AsSpan(Count * _dimension, _dimension)));
        MemoryMarshal.Write(_scales.AsSpan(Count * sizeof(float)), segment.Scales[slot]);
        MemoryMarshal.Write(_ids.AsSpan(Count * sizeof(long)), segment.Ids[slot]);
        Count++;
    }

    public void Clear() => Count = 0;

    public ReadOnlyMemory<byte> ColumnBytes(int column) => column switch
    {
        0 => _floats.AsMemory(0, Count * _dimension * sizeof(float)),
        1 => _int8.AsMemory(0, Count * _dimension),
        2 => _scales.AsMemory(0, Count * sizeof(float)),
        _ => _ids.AsMemory(0, Count * sizeof(long)),
    };
}
