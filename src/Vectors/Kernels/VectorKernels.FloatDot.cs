using System.Numerics.Tensors;
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
}
