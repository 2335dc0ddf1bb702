using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Retrieval.Vectors.Kernels;

/// <summary>
/// Integer dot products of a query (held widened to int16 once per search) with stored int8 vectors.
/// Each stored byte is sign-extended to int16 straight from memory and multiplied pairwise into int32
/// (<c>pmaddwd</c>): exact, no saturation, whatever the values. The widest path the CPU has runs first;
/// narrower paths finish the tail. .NET exposes no AVX-512 VNNI, so this is the fastest exact form here.
/// </summary>
internal static partial class VectorKernels
{
    /// <summary>Exactly <c>sum(query[i] * vector[i])</c>; <paramref name="query"/> must be at least as long as <paramref name="vector"/>.</summary>
    public static int DotInt8(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        if (query.Length < vector.Length)
        {
            ThrowHelper.ThrowArgument_QueryTooShort();
        }

        if (Avx512BW.IsSupported)
        {
            return DotInt8Vector512(query, vector);
        }

        if (Avx2.IsSupported)
        {
            return DotInt8Vector256(query, vector);
        }

        return Sse41.IsSupported ? DotInt8Vector128(query, vector) : ScalarReference.DotInt8(query, vector);
    }

    internal static int DotInt8Vector512(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref MemoryMarshal.GetReference(vector);
        var length = vector.Length;
        Vector512<int> sum0 = default, sum1 = default;
        var i = 0;
        // Two independent accumulators hide the latency of the multiply-add.
        for (; i <= length - 64; i += 64)
        {
            sum0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, (nuint)i), Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref v, (nuint)i)));
            sum1 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, (nuint)(i + 32)), Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref v, (nuint)(i + 32))));
        }

        if (i <= length - 32)
        {
            sum0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, (nuint)i), Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref v, (nuint)i)));
            i += 32;
        }

        var total = Vector512.Sum(sum0 + sum1);
        return i == length ? total : total + DotInt8Vector256(query[i..], vector[i..]);
    }

    internal static int DotInt8Vector256(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref MemoryMarshal.GetReference(vector);
        var length = vector.Length;
        Vector256<int> sum0 = default, sum1 = default;
        var i = 0;
        for (; i <= length - 32; i += 32)
        {
            sum0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)i), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref v, (nuint)i)));
            sum1 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)(i + 16)), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref v, (nuint)(i + 16))));
        }

        if (i <= length - 16)
        {
            sum0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)i), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref v, (nuint)i)));
            i += 16;
        }

        var total = Vector256.Sum(sum0 + sum1);
        return i == length ? total : total + DotInt8Vector128(query[i..], vector[i..]);
    }

    internal static int DotInt8Vector128(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref MemoryMarshal.GetReference(vector);
        var length = vector.Length;
        Vector128<int> sum = default;
        var i = 0;
        for (; i <= length - 8; i += 8)
        {
            // Eight bytes, sign-extended to eight int16 lanes.
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref v, i)))).AsSByte();
            sum += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref q, (nuint)i), Sse41.ConvertToVector128Int16(bytes));
        }

        var total = Vector128.Sum(sum);
        return i == length ? total : total + ScalarReference.DotInt8(query[i..], vector[i..]);
    }
}
