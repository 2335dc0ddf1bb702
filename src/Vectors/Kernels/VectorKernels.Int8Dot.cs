using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Retrieval.Vectors.Kernels;

/// <summary>
/// Integer dot products of a quantized query with stored int8 vectors. The fast x86 instruction multiplies
/// unsigned by signed bytes and adds pairs into int16 with saturation (<c>pmaddubsw</c>), so each stored
/// byte is biased to unsigned on load (v + 128, a XOR) and the query is kept within ±64: then no pair sum
/// can reach 2^15 and the result is exact. The bias is removed at the end with the precomputed
/// <c>128 * sum(query)</c>. .NET exposes no AVX-512 VNNI, which would fuse the two multiply-adds.
/// </summary>
internal static partial class VectorKernels
{
    /// <summary>The largest magnitude a query byte may have for the kernels to be exact.</summary>
    public const int QueryLimit = 64;

    /// <summary>
    /// Exactly <c>sum(query[i] * vector[i])</c>, given <paramref name="queryBias"/> = <c>128 * sum(query)</c>
    /// (see <see cref="QueryBias"/>) and <c>|query[i]| &lt;= 64</c>.
    /// </summary>
    public static int DotInt8(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector, int queryBias)
    {
        if (query.Length != vector.Length)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        if (Avx512BW.IsSupported)
        {
            return DotInt8Vector512(query, vector) - queryBias;
        }

        if (Avx2.IsSupported)
        {
            return DotInt8Vector256(query, vector) - queryBias;
        }

        return (Ssse3.IsSupported ? DotInt8Vector128(query, vector) : BiasedScalar(query, vector)) - queryBias;
    }

    /// <summary><c>128 * sum(query)</c>: what the biased kernels add, to subtract once per query.</summary>
    public static int QueryBias(ReadOnlySpan<sbyte> query)
    {
        var sum = 0;
        foreach (var q in query)
        {
            sum += q;
        }

        return 128 * sum;
    }

    /// <summary><c>sum(query[i] * (vector[i] + 128))</c>, 64 bytes a step.</summary>
    internal static int DotInt8Vector512(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(vector));
        var length = vector.Length;
        var bias = Vector512.Create((byte)0x80);
        var ones = Vector512.Create((short)1);
        Vector512<int> sum0 = default, sum1 = default;
        var i = 0;
        // Two independent accumulators: one chain of multiply-adds would wait on its own latency.
        for (; i <= length - 128; i += 128)
        {
            var pairs0 = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref v, (nuint)i) ^ bias, Vector512.LoadUnsafe(ref q, (nuint)i));
            var pairs1 = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref v, (nuint)(i + 64)) ^ bias, Vector512.LoadUnsafe(ref q, (nuint)(i + 64)));
            sum0 += Avx512BW.MultiplyAddAdjacent(pairs0, ones);
            sum1 += Avx512BW.MultiplyAddAdjacent(pairs1, ones);
        }

        if (i <= length - 64)
        {
            var pairs = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref v, (nuint)i) ^ bias, Vector512.LoadUnsafe(ref q, (nuint)i));
            sum0 += Avx512BW.MultiplyAddAdjacent(pairs, ones);
            i += 64;
        }

        var total = Vector512.Sum(sum0 + sum1);
        return i == length ? total : total + DotInt8Vector256(query[i..], vector[i..]);
    }

    /// <summary><c>sum(query[i] * (vector[i] + 128))</c>, 32 bytes a step.</summary>
    internal static int DotInt8Vector256(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(vector));
        var length = vector.Length;
        var bias = Vector256.Create((byte)0x80);
        var ones = Vector256.Create((short)1);
        Vector256<int> sum = default;
        var i = 0;
        for (; i <= length - 32; i += 32)
        {
            var pairs = Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref v, (nuint)i) ^ bias, Vector256.LoadUnsafe(ref q, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(pairs, ones);
        }

        var total = Vector256.Sum(sum);
        return i == length ? total : total + DotInt8Vector128(query[i..], vector[i..]);
    }

    /// <summary><c>sum(query[i] * (vector[i] + 128))</c>, 16 bytes a step.</summary>
    internal static int DotInt8Vector128(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var v = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(vector));
        var length = vector.Length;
        var bias = Vector128.Create((byte)0x80);
        var ones = Vector128.Create((short)1);
        Vector128<int> sum = default;
        var i = 0;
        for (; i <= length - 16; i += 16)
        {
            var pairs = Ssse3.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref v, (nuint)i) ^ bias, Vector128.LoadUnsafe(ref q, (nuint)i));
            sum += Sse2.MultiplyAddAdjacent(pairs, ones);
        }

        var total = Vector128.Sum(sum);
        return i == length ? total : total + BiasedScalar(query[i..], vector[i..]);
    }

    /// <summary>
    /// Four queries (<paramref name="queries"/> holds them one after another) against one vector, in one pass:
    /// the vector is loaded and biased once for all four, which is what makes batched search compute-cheap.
    /// Returns the four exact dot products; <paramref name="biases"/> as in <see cref="DotInt8"/>.
    /// </summary>
    public static Vector128<int> DotInt8x4(ReadOnlySpan<sbyte> queries, ReadOnlySpan<sbyte> vector, ReadOnlySpan<int> biases)
    {
        var length = vector.Length;
        if (queries.Length != 4 * length || biases.Length < 4)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        if (!Avx512BW.IsSupported || length % 64 != 0)
        {
            return Vector128.Create(
                DotInt8(queries[..length], vector, biases[0]),
                DotInt8(queries.Slice(length, length), vector, biases[1]),
                DotInt8(queries.Slice(2 * length, length), vector, biases[2]),
                DotInt8(queries.Slice(3 * length, length), vector, biases[3]));
        }

        ref var q0 = ref MemoryMarshal.GetReference(queries);
        ref var v = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(vector));
        var bias = Vector512.Create((byte)0x80);
        var ones = Vector512.Create((short)1);
        Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var i = 0; i < length; i += 64)
        {
            var u = Vector512.LoadUnsafe(ref v, (nuint)i) ^ bias;
            s0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.LoadUnsafe(ref q0, (nuint)i)), ones);
            s1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.LoadUnsafe(ref q0, (nuint)(length + i))), ones);
            s2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.LoadUnsafe(ref q0, (nuint)((2 * length) + i))), ones);
            s3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.LoadUnsafe(ref q0, (nuint)((3 * length) + i))), ones);
        }

        return Vector128.Create(Vector512.Sum(s0), Vector512.Sum(s1), Vector512.Sum(s2), Vector512.Sum(s3))
            - Vector128.Create(biases[0], biases[1], biases[2], biases[3]);
    }

    private static int BiasedScalar(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector)
    {
        var sum = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            sum += query[i] * (vector[i] + 128);
        }

        return sum;
    }
}
