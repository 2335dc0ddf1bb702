using System.Runtime.Intrinsics;

namespace Retrieval.Vectors.Kernels;

internal static partial class VectorKernels
{
    /// <summary>
    /// Bit <c>i</c> set where <c>values[i] &gt;= threshold</c>, for up to 64 values: a block's scores against the
    /// top-k threshold in a few compares, so only the candidates that can enter go to the heap.
    /// </summary>
    public static ulong AtLeast(ReadOnlySpan<float> values, float threshold)
    {
        if (values.Length > 64)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        Span<float> thresholds = stackalloc float[values.Length];
        thresholds.Fill(threshold);
        return AtLeast(values, thresholds);
    }

    /// <summary>Bit <c>i</c> set where <c>values[i] &gt;= thresholds[i]</c>, for up to 64 values: a slot's scores against each query's threshold.</summary>
    public static ulong AtLeast(ReadOnlySpan<float> values, ReadOnlySpan<float> thresholds)
    {
        if (values.Length > 64 || thresholds.Length < values.Length)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        ulong mask = 0;
        var i = 0;
        for (; i + 8 <= values.Length; i += 8)
        {
            mask |= (ulong)Vector256.GreaterThanOrEqual(Vector256.Create(values.Slice(i, 8)), Vector256.Create(thresholds.Slice(i, 8))).ExtractMostSignificantBits() << i;
        }

        for (; i < values.Length; i++)
        {
            mask |= values[i] >= thresholds[i] ? 1UL << i : 0;
        }

        return mask;
    }
}
