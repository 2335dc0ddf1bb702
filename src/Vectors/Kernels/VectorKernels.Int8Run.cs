using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Retrieval.Vectors.Kernels;

/// <summary>
/// One query against a run of consecutive stored int8 vectors, four at a time: each query chunk is loaded once for
/// the four, the four sums are reduced together (one transpose-add instead of four horizontal sums) and scaled in
/// one step. Scoring a vector at a time spent more on its reduction, call and scale than on its 512 bytes, and the
/// scan read at half the memory bandwidth. With AVX-VNNI one <c>vpdpbusd</c> does the two multiply-adds of the
/// <c>pmaddubsw</c> path (same bias trick, see <see cref="DotInt8"/>).
/// </summary>
internal static partial class VectorKernels
{
    /// <summary>Which integer path the four-at-a-time scoring takes for <paramref name="dimension"/> on this CPU.</summary>
    public static Int8RunPath RunPathFor(int dimension) =>
        AvxVnni.IsSupported && dimension % 128 == 0 ? Int8RunPath.Vnni256
        : Avx512BW.IsSupported && dimension % 128 == 0 ? Int8RunPath.Avx512
        : Avx2.IsSupported && dimension % 64 == 0 ? Int8RunPath.Avx2
        : Int8RunPath.OneByOne;

    /// <summary>
    /// <c>scores[i] = dot(query, vector i) * scales[i]</c> for the vectors stored one after another in
    /// <paramref name="vectors"/>, one per scale; <paramref name="queryBias"/> as in <see cref="DotInt8"/>.
    /// </summary>
    public static void ScoreInt8Run(ReadOnlySpan<sbyte> query, int queryBias, ReadOnlySpan<sbyte> vectors, ReadOnlySpan<float> scales, Span<float> scores) =>
        ScoreInt8Run(RunPathFor(query.Length), query, queryBias, vectors, scales, scores);

    /// <summary>The same on a chosen path, for the tests of each.</summary>
    internal static unsafe void ScoreInt8Run(Int8RunPath path, ReadOnlySpan<sbyte> query, int queryBias, ReadOnlySpan<sbyte> vectors, ReadOnlySpan<float> scales, Span<float> scores)
    {
        var dimension = query.Length;
        var count = scales.Length;
        var step = path switch { Int8RunPath.Avx2 => 64, Int8RunPath.OneByOne => 1, _ => 128 };
        if (scores.Length < count || vectors.Length != (long)count * dimension || dimension % step != 0)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        var i = 0;
        fixed (sbyte* q = query)
        fixed (sbyte* first = vectors)
        fixed (float* s = scales)
        {
            for (; path != Int8RunPath.OneByOne && i + 4 <= count; i += 4)
            {
                var v = first + ((long)i * dimension);
                var dots = path switch
                {
                    Int8RunPath.Vnni256 => DotsVnni256(q, v, dimension),
                    Int8RunPath.Avx512 => Dots512(q, v, dimension),
                    _ => Dots256(q, v, dimension),
                };
                var scaled = Vector128.ConvertToSingle(dots - Vector128.Create(queryBias)) * Vector128.Load(s + i);
                scaled.CopyTo(scores[i..]);
            }
        }

        for (; i < count; i++)
        {
            scores[i] = DotInt8(query, vectors.Slice(i * dimension, dimension), queryBias) * scales[i];
        }
    }

    /// <summary>The four biased sums <c>sum(q * (v_j + 128))</c> of four consecutive vectors, with <c>vpdpbusd</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<int> DotsVnni256(sbyte* q, sbyte* v, int dimension) =>
        SumEach(DotVnni256(q, (byte*)v, dimension), DotVnni256(q, (byte*)v + dimension, dimension),
            DotVnni256(q, (byte*)v + (2 * dimension), dimension), DotVnni256(q, (byte*)v + (3 * dimension), dimension));

    /// <summary>The four biased sums with AVX2's <c>pmaddubsw</c> and <c>pmaddwd</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<int> Dots256(sbyte* q, sbyte* v, int dimension) =>
        SumEach(Dot256(q, (byte*)v, dimension), Dot256(q, (byte*)v + dimension, dimension),
            Dot256(q, (byte*)v + (2 * dimension), dimension), Dot256(q, (byte*)v + (3 * dimension), dimension));

    /// <summary>The four biased sums with AVX-512BW, 64 bytes a step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<int> Dots512(sbyte* q, sbyte* v, int dimension) =>
        SumEach(Dot512(q, (byte*)v, dimension), Dot512(q, (byte*)v + dimension, dimension),
            Dot512(q, (byte*)v + (2 * dimension), dimension), Dot512(q, (byte*)v + (3 * dimension), dimension));

    // Each vector is read start to end, one after another: interleaving the four (one chunk of each in turn) kept the
    // query loads shared but ran at half speed, the hardware prefetcher losing the four streams.

    /// <summary>One vector's biased sum, in lanes to add up later; four accumulators hide the instruction's latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> DotVnni256(sbyte* q, byte* u, int dimension)
    {
        var bias = Vector256.Create((byte)0x80);
        Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var i = 0; i < dimension; i += 128)
        {
            s0 = AvxVnni.MultiplyWideningAndAdd(s0, Vector256.Load(u + i) ^ bias, Vector256.Load(q + i));
            s1 = AvxVnni.MultiplyWideningAndAdd(s1, Vector256.Load(u + i + 32) ^ bias, Vector256.Load(q + i + 32));
            s2 = AvxVnni.MultiplyWideningAndAdd(s2, Vector256.Load(u + i + 64) ^ bias, Vector256.Load(q + i + 64));
            s3 = AvxVnni.MultiplyWideningAndAdd(s3, Vector256.Load(u + i + 96) ^ bias, Vector256.Load(q + i + 96));
        }

        return (s0 + s1) + (s2 + s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Dot256(sbyte* q, byte* u, int dimension)
    {
        var bias = Vector256.Create((byte)0x80);
        var ones = Vector256.Create((short)1);
        Vector256<int> s0 = default, s1 = default;
        for (var i = 0; i < dimension; i += 64)
        {
            s0 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(u + i) ^ bias, Vector256.Load(q + i)), ones);
            s1 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(u + i + 32) ^ bias, Vector256.Load(q + i + 32)), ones);
        }

        return s0 + s1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Dot512(sbyte* q, byte* u, int dimension)
    {
        var bias = Vector512.Create((byte)0x80);
        var ones = Vector512.Create((short)1);
        Vector512<int> s0 = default, s1 = default;
        for (var i = 0; i < dimension; i += 128)
        {
            s0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Load(u + i) ^ bias, Vector512.Load(q + i)), ones);
            s1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Load(u + i + 64) ^ bias, Vector512.Load(q + i + 64)), ones);
        }

        var sum = s0 + s1;
        return sum.GetLower() + sum.GetUpper();
    }

    /// <summary>The total of each of four vectors, by pairwise adds within lanes and one add across them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> SumEach(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d)
    {
        var sums = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a, b), Avx2.HorizontalAdd(c, d));
        return sums.GetLower() + sums.GetUpper();
    }
}
