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
        var (kernel, width) = path switch
        {
            "512" => (Avx512BW.IsSupported ? VectorKernels.DotInt8Vector512 : null, 64),
            "256" => (Avx2.IsSupported ? VectorKernels.DotInt8Vector256 : null, 32),
            "128" => (Sse41.IsSupported ? VectorKernels.DotInt8Vector128 : (Func<ReadOnlySpan<short>, ReadOnlySpan<sbyte>, int>?)null, 16),
            _ => (VectorKernels.DotInt8, 64),
        };
        Assert.SkipWhen(kernel is null, $"this CPU has no {path}-bit integer path");
        var random = new Random(path.GetHashCode(StringComparison.Ordinal));
        for (var length = 0; length <= (3 * width) + 1; length++)
        {
            foreach (var extreme in (bool[])[false, true])
            {
                // Extremes: the largest magnitudes both sides can hold, where a saturating kernel would break.
                var query = Enumerable.Range(0, length).Select(_ => (short)(extreme ? (random.Next(2) == 0 ? -127 : 127) : random.Next(-127, 128))).ToArray();
                var vector = Enumerable.Range(0, length).Select(_ => (sbyte)(extreme ? (random.Next(2) == 0 ? -128 : 127) : random.Next(-128, 128))).ToArray();
                Assert.Equal(ScalarReference.DotInt8(query, vector), kernel!(query, vector));
            }
        }
    }

    [Fact]
    public void DotInt8_QueryShorterThanVector_Throws() =>
        Assert.Throws<ArgumentException>(() => VectorKernels.DotInt8(new short[3], new sbyte[4]));

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
