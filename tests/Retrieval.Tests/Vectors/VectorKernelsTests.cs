using System.Runtime.Intrinsics.X86;
using Retrieval.Vectors.Kernels;

namespace Retrieval.Tests.Vectors;

public sealed class VectorKernelsTests
{
    public static TheoryData<string> Paths => new("512", "256", "128", "dispatch");

    [Theory]
    [MemberData(nameof(Paths))]
    public void DotInt8_EqualsScalarReference_AtEveryLength(string path)
    {
        // The width paths return the biased sum, sum(q * (v + 128)); the dispatcher removes the bias.
        var (kernel, width) = path switch
        {
            "512" => (Avx512BW.IsSupported ? (q, v) => VectorKernels.DotInt8Vector512(q, v) - VectorKernels.QueryBias(q) : null, 64),
            "256" => (Avx2.IsSupported ? (q, v) => VectorKernels.DotInt8Vector256(q, v) - VectorKernels.QueryBias(q) : null, 32),
            "128" => (Ssse3.IsSupported ? (q, v) => VectorKernels.DotInt8Vector128(q, v) - VectorKernels.QueryBias(q) : (Kernel?)null, 16),
            _ => ((q, v) => VectorKernels.DotInt8(q, v, VectorKernels.QueryBias(q)), 64),
        };
        Assert.SkipWhen(kernel is null, $"this CPU has no {path}-bit integer path");
        var random = new Random(path.GetHashCode(StringComparison.Ordinal));
        for (var length = 0; length <= (3 * width) + 1; length++)
        {
            foreach (var extreme in (bool[])[false, true])
            {
                // Extremes: the largest magnitudes both sides can hold, where a saturating kernel would break.
                var query = Enumerable.Range(0, length).Select(_ => (sbyte)(extreme ? (random.Next(2) == 0 ? -64 : 64) : random.Next(-64, 65))).ToArray();
                var vector = Enumerable.Range(0, length).Select(_ => (sbyte)(extreme ? (random.Next(2) == 0 ? -128 : 127) : random.Next(-128, 128))).ToArray();
                Assert.Equal(ScalarReference.DotInt8(query, vector), kernel!(query, vector));
            }
        }
    }

    [Fact]
    public void FloatDot_EqualsScalarReference_AtEveryLength()
    {
        var random = new Random(9);
        for (var length = 0; length <= (3 * 64) + 1; length++)
        {
            var a = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            // float32 sums in another order: allow a few ulps per term.
            var expected = ScalarReference.Dot(a, b);
            Assert.InRange(VectorKernels.Dot(a, b), expected - (1e-6f * (length + 1)), expected + (1e-6f * (length + 1)));
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(100)]
    public void DotInt8x4_EqualsFourSingleDots(int length)
    {
        var random = new Random(length);
        var queries = Enumerable.Range(0, 4 * length).Select(_ => (sbyte)random.Next(-64, 65)).ToArray();
        var vector = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        var biases = Enumerable.Range(0, 4).Select(q => VectorKernels.QueryBias(queries.AsSpan(q * length, length))).ToArray();
        var results = VectorKernels.DotInt8x4(queries, vector, biases);
        for (var q = 0; q < 4; q++)
        {
            Assert.Equal(ScalarReference.DotInt8(queries.AsSpan(q * length, length), vector), results[q]);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(512)]
    [InlineData(1152)]
    [InlineData(100)]
    public void FloatDotBlock_EqualsSingleDots_ForEveryTileShape(int length)
    {
        const int MaxQueries = 9;
        const int MaxVectors = 9;
        var queries = StoreFixture.RandomVectors(MaxQueries, length, length);
        var vectors = StoreFixture.RandomVectors(MaxVectors, length, length + 1);
        for (var queryCount = 1; queryCount <= MaxQueries; queryCount++)
        {
            for (var vectorCount = 0; vectorCount <= MaxVectors; vectorCount++)
            {
                var scores = new float[vectorCount * queryCount];
                VectorKernels.DotBlock(queries.AsSpan(0, queryCount * length), queryCount, vectors.AsSpan(0, vectorCount * length), scores);
                for (var v = 0; v < vectorCount; v++)
                {
                    for (var q = 0; q < queryCount; q++)
                    {
                        var query = queries.AsSpan(q * length, length);
                        var vector = vectors.AsSpan(v * length, length);
                        var expected = ScalarReference.Dot(query, vector);
                        Assert.InRange(scores[(v * queryCount) + q], expected - 1e-5f, expected + 1e-5f);
                        // Bit for bit what a single-query scan computes, so batches and single searches rank alike.
                        Assert.Equal(VectorKernels.Dot(query, vector), scores[(v * queryCount) + q]);
                    }
                }
            }
        }
    }

    public static TheoryData<string> RunPaths => new(Enum.GetNames<Int8RunPath>());

    [Theory]
    [MemberData(nameof(RunPaths))]
    public void ScoreInt8Run_EqualsScaledScalarReference_ForEveryRunLength(string name)
    {
        var path = Enum.Parse<Int8RunPath>(name);
        var supported = path switch
        {
            Int8RunPath.Vnni256 => AvxVnni.IsSupported,
            Int8RunPath.Avx512 => Avx512BW.IsSupported,
            Int8RunPath.Avx2 => Avx2.IsSupported,
            _ => true,
        };
        Assert.SkipUnless(supported, $"this CPU has no {name} path");
        var random = new Random(name.Length);
        foreach (var dimension in (int[])[128, 384, 512, 1152])
        {
            const int Count = 11;
            var query = Enumerable.Range(0, dimension).Select(_ => (sbyte)(random.Next(3) == 0 ? (random.Next(2) == 0 ? -64 : 64) : random.Next(-64, 65))).ToArray();
            var vectors = Enumerable.Range(0, Count * dimension).Select(_ => (sbyte)(random.Next(3) == 0 ? (random.Next(2) == 0 ? -128 : 127) : random.Next(-128, 128))).ToArray();
            var scales = Enumerable.Range(0, Count).Select(_ => (float)random.NextDouble() / 127).ToArray();
            var bias = VectorKernels.QueryBias(query);
            for (var count = 0; count <= Count; count++)
            {
                var scores = new float[count];
                VectorKernels.ScoreInt8Run(path, query, bias, vectors.AsSpan(0, count * dimension), scales.AsSpan(0, count), scores);

                for (var i = 0; i < count; i++)
                {
                    // Bit for bit the one-vector score, so a run and a sparse block rank alike.
                    Assert.Equal(ScalarReference.DotInt8(query, vectors.AsSpan(i * dimension, dimension)) * scales[i], scores[i]);
                }
            }
        }
    }

    [Fact]
    public void ScoreInt8Run_AtAnOddDimension_ScoresOneByOne()
    {
        Assert.Equal(Int8RunPath.OneByOne, VectorKernels.RunPathFor(100));
        var random = new Random(100);
        var query = Enumerable.Range(0, 100).Select(_ => (sbyte)random.Next(-64, 65)).ToArray();
        var vectors = Enumerable.Range(0, 500).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        var scores = new float[5];
        VectorKernels.ScoreInt8Run(query, VectorKernels.QueryBias(query), vectors, [1, 2, 3, 4, 5], scores);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ScalarReference.DotInt8(query, vectors.AsSpan(i * 100, 100)) * (i + 1f), scores[i]);
        }
    }

    [Fact]
    public void AtLeast_SetsTheBitsOfTheValuesReachingTheThreshold()
    {
        var random = new Random(4);
        for (var length = 0; length <= 64; length++)
        {
            var values = Enumerable.Range(0, length).Select(_ => (float)Math.Round(random.NextDouble(), 1)).ToArray();
            var expected = 0UL;
            for (var i = 0; i < length; i++)
            {
                expected |= values[i] >= 0.5f ? 1UL << i : 0;
            }

            Assert.Equal(expected, VectorKernels.AtLeast(values, 0.5f));
        }

        Assert.Equal(ulong.MaxValue, VectorKernels.AtLeast(new float[64], float.NegativeInfinity));
    }

    [Fact]
    public void DotInt8_LengthsDiffer_Throws() =>
        Assert.Throws<ArgumentException>(() => VectorKernels.DotInt8(new sbyte[3], new sbyte[4], 0));

    [Fact]
    public void QuantizeQuery_StaysWithinTheKernelLimit()
    {
        var query = StoreFixture.RandomVectors(1, 300, 5);
        var quantized = new sbyte[300];
        var scale = VectorKernels.QuantizeQuery(query, quantized);
        Assert.All(quantized, q => Assert.InRange((int)q, -VectorKernels.QueryLimit, VectorKernels.QueryLimit));
        Assert.Contains(quantized, q => Math.Abs((int)q) == VectorKernels.QueryLimit);
        Assert.Equal(query.Max(Math.Abs) / VectorKernels.QueryLimit, scale, 6);
    }

    private delegate int Kernel(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector);

    [Fact]
    public void QuantizeInt8_ReconstructsWithinHalfAStep()
    {
        var random = new Random(3);
        var vector = Enumerable.Range(0, 512).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var quantized = new sbyte[512];
        var scale = VectorKernels.QuantizeInt8(vector, quantized);
        Assert.Equal(vector.Max(Math.Abs) / 127f, scale, 6);
        for (var i = 0; i < vector.Length; i++)
        {
            Assert.InRange(vector[i] - (quantized[i] * scale), -scale / 2 - 1e-6f, (scale / 2) + 1e-6f);
        }

        Assert.Contains(quantized, q => Math.Abs((int)q) == 127);
    }

    [Fact]
    public void QuantizeInt8_ZeroVector_GivesZeroScaleAndZeros()
    {
        var quantized = new sbyte[8];
        quantized.AsSpan().Fill(5);
        Assert.Equal(0f, VectorKernels.QuantizeInt8(new float[8], quantized));
        Assert.All(quantized, q => Assert.Equal(0, q));
    }
}
