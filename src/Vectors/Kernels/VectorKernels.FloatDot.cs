using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Retrieval.Vectors.Kernels;

/// <summary>
/// Float32 dot products: one query against one vector (<see cref="Dot"/>) and a batch of queries against a run of
/// vectors (<see cref="DotBlock"/>), which agree bit for bit — one fused multiply-add chain per pair over 16-float
/// pieces, reduced in one fixed order (<see cref="Totals"/>) — so a batch ranks exactly as single searches do.
/// One chain is enough for a single query (a scan waits on memory, not on the chain's latency) and leaves the
/// registers for the block's 4 × 4 tile of pairs: each piece of four vectors and four queries is loaded once for
/// sixteen multiply-adds, where one vector against four queries loaded five pieces for four, and the queries, read
/// again for every vector from beyond the first-level cache, held the batch at half the speed of a BLAS product.
/// </summary>
internal static partial class VectorKernels
{
    /// <summary><c>sum(a[i] * b[i])</c>; other shapes than multiples of 16 on AVX-512 defer to <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.</summary>
    public static unsafe float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        if (!Tiled(a.Length))
        {
            return TensorPrimitives.Dot(a, b);
        }

        fixed (float* x = a)
        fixed (float* y = b)
        {
            var sum = Vector512<float>.Zero;
            for (var i = 0; i < a.Length; i += 16)
            {
                sum = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(y + i), sum);
            }

            return Totals(sum, sum, sum, sum).ToScalar();
        }
    }

    /// <summary>
    /// <c>scores[v * queryCount + q] = Dot(query q, vector v)</c> for the <paramref name="queryCount"/> queries and the
    /// vectors stored one after another in <paramref name="queries"/> and <paramref name="vectors"/>.
    /// </summary>
    public static unsafe void DotBlock(ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<float> vectors, Span<float> scores)
    {
        var dimension = queryCount == 0 ? 0 : queries.Length / queryCount;
        var vectorCount = dimension == 0 ? 0 : vectors.Length / dimension;
        if (queries.Length != queryCount * dimension || vectors.Length != vectorCount * dimension || scores.Length < vectorCount * queryCount)
        {
            ThrowHelper.ThrowArgument_LengthsDiffer();
        }

        var v = 0;
        if (Tiled(dimension))
        {
            fixed (float* q = queries)
            fixed (float* x = vectors)
            fixed (float* s = scores)
            {
                for (; v + 4 <= vectorCount; v += 4)
                {
                    var q0 = 0;
                    for (; q0 + 4 <= queryCount; q0 += 4)
                    {
                        Tile(q + ((long)q0 * dimension), x + ((long)v * dimension), dimension, s + ((long)v * queryCount) + q0, queryCount);
                    }

                    for (; q0 < queryCount; q0++)
                    {
                        for (var j = v; j < v + 4; j++)
                        {
                            scores[(j * queryCount) + q0] = Dot(queries.Slice(q0 * dimension, dimension), vectors.Slice(j * dimension, dimension));
                        }
                    }
                }
            }
        }

        for (; v < vectorCount; v++)
        {
            for (var q0 = 0; q0 < queryCount; q0++)
            {
                scores[(v * queryCount) + q0] = Dot(queries.Slice(q0 * dimension, dimension), vectors.Slice(v * dimension, dimension));
            }
        }
    }

    /// <summary>Whether <paramref name="dimension"/> takes the AVX-512 chains (else the library's dot product).</summary>
    private static bool Tiled(int dimension) => Avx512F.IsSupported && dimension % 16 == 0;

    /// <summary>Four queries against four vectors: sixteen chains, four scores written per vector at <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tile(float* q, float* x, int dimension, float* scores, int stride)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default;
        float* q1 = q + dimension, q2 = q1 + dimension, q3 = q2 + dimension;
        float* x1 = x + dimension, x2 = x1 + dimension, x3 = x2 + dimension;
        for (var i = 0; i < dimension; i += 16)
        {
            var v0 = Vector512.Load(x + i);
            var v1 = Vector512.Load(x1 + i);
            var v2 = Vector512.Load(x2 + i);
            var v3 = Vector512.Load(x3 + i);
            var p = Vector512.Load(q + i);
            a0 = Vector512.FusedMultiplyAdd(p, v0, a0);
            b0 = Vector512.FusedMultiplyAdd(p, v1, b0);
            c0 = Vector512.FusedMultiplyAdd(p, v2, c0);
            d0 = Vector512.FusedMultiplyAdd(p, v3, d0);
            p = Vector512.Load(q1 + i);
            a1 = Vector512.FusedMultiplyAdd(p, v0, a1);
            b1 = Vector512.FusedMultiplyAdd(p, v1, b1);
            c1 = Vector512.FusedMultiplyAdd(p, v2, c1);
            d1 = Vector512.FusedMultiplyAdd(p, v3, d1);
            p = Vector512.Load(q2 + i);
            a2 = Vector512.FusedMultiplyAdd(p, v0, a2);
            b2 = Vector512.FusedMultiplyAdd(p, v1, b2);
            c2 = Vector512.FusedMultiplyAdd(p, v2, c2);
            d2 = Vector512.FusedMultiplyAdd(p, v3, d2);
            p = Vector512.Load(q3 + i);
            a3 = Vector512.FusedMultiplyAdd(p, v0, a3);
            b3 = Vector512.FusedMultiplyAdd(p, v1, b3);
            c3 = Vector512.FusedMultiplyAdd(p, v2, c3);
            d3 = Vector512.FusedMultiplyAdd(p, v3, d3);
        }

        Totals(a0, a1, a2, a3).Store(scores);
        Totals(b0, b1, b2, b3).Store(scores + stride);
        Totals(c0, c1, c2, c3).Store(scores + (2 * stride));
        Totals(d0, d1, d2, d3).Store(scores + (3 * stride));
    }

    /// <summary>The lane totals of four chains, in the one order every float kernel here reduces in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Totals(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
    {
        var sums = Avx.HorizontalAdd(
            Avx.HorizontalAdd(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper()),
            Avx.HorizontalAdd(c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper()));
        return sums.GetLower() + sums.GetUpper();
    }
}
