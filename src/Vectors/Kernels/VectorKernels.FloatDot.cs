using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Retrieval.Vectors.Kernels;

internal static partial class VectorKernels
{
    /// <summary>
    /// <c>sum(a[i] * b[i])</c> for the float32 scan: four independent fused multiply-add chains, so a vector
    /// streaming in from memory is not also waiting on one accumulator's latency. Other shapes defer to
    /// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
    /// </summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        if (!Vector512.IsHardwareAccelerated || a.Length % 64 != 0)
        {
            return TensorPrimitives.Dot(a, b);
        }

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint i = 0; i < (nuint)a.Length; i += 64)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, i), Vector512.LoadUnsafe(ref y, i), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, i + 16), Vector512.LoadUnsafe(ref y, i + 16), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, i + 32), Vector512.LoadUnsafe(ref y, i + 32), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, i + 48), Vector512.LoadUnsafe(ref y, i + 48), s3);
        }

        return Vector512.Sum((s0 + s1) + (s2 + s3));
    }

    /// <summary>
    /// Four queries (<paramref name="queries"/> holds them one after another) against one vector: each 64-byte
    /// piece of the vector is loaded once for all four, so a batch costs multiply-adds, not memory traffic.
    /// </summary>
    public static Vector128<float> Dotx4(ReadOnlySpan<float> queries, ReadOnlySpan<float> vector)
    {
        var length = vector.Length;
        if (queries.Length != 4 * length)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        // The same condition, accumulators and summation order as Dot, per query: a batch returns exactly
        // the scores that single searches do.
        if (!Vector512.IsHardwareAccelerated || length % 64 != 0)
        {
            return Vector128.Create(Dot(queries[..length], vector), Dot(queries.Slice(length, length), vector),
                Dot(queries.Slice(2 * length, length), vector), Dot(queries.Slice(3 * length, length), vector));
        }

        ref var q0 = ref MemoryMarshal.GetReference(queries);
        ref var q1 = ref Unsafe.Add(ref q0, length);
        ref var q2 = ref Unsafe.Add(ref q1, length);
        ref var q3 = ref Unsafe.Add(ref q2, length);
        ref var v = ref MemoryMarshal.GetReference(vector);
        // Sixteen accumulators (four per query, as in Dot) plus the vector's four pieces fit the 32 registers.
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default;
        for (nuint i = 0; i < (nuint)length; i += 64)
        {
            var x0 = Vector512.LoadUnsafe(ref v, i);
            var x1 = Vector512.LoadUnsafe(ref v, i + 16);
            var x2 = Vector512.LoadUnsafe(ref v, i + 32);
            var x3 = Vector512.LoadUnsafe(ref v, i + 48);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q0, i), x0, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q0, i + 16), x1, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q0, i + 32), x2, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q0, i + 48), x3, a3);
            b0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q1, i), x0, b0);
            b1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q1, i + 16), x1, b1);
            b2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q1, i + 32), x2, b2);
            b3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q1, i + 48), x3, b3);
            c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q2, i), x0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q2, i + 16), x1, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q2, i + 32), x2, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q2, i + 48), x3, c3);
            d0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q3, i), x0, d0);
            d1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q3, i + 16), x1, d1);
            d2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q3, i + 32), x2, d2);
            d3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q3, i + 48), x3, d3);
        }

        return Vector128.Create(
            Vector512.Sum((a0 + a1) + (a2 + a3)),
            Vector512.Sum((b0 + b1) + (b2 + b3)),
            Vector512.Sum((c0 + c1) + (c2 + c3)),
            Vector512.Sum((d0 + d1) + (d2 + d3)));
    }
}
