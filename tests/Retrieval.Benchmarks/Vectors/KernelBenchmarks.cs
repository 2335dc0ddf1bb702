using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using Retrieval.Vectors.Kernels;

namespace Retrieval.Benchmarks.Vectors;

/// <summary>One 512-dimensional dot product per call, each kernel width against the scalar reference (data in L1).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class KernelBenchmarks
{
    private const int Dimension = 512;
    private readonly sbyte[] _query = new sbyte[Dimension];
    private readonly sbyte[] _vector = new sbyte[Dimension];
    private readonly float[] _a = new float[Dimension];
    private readonly float[] _b = new float[Dimension];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < Dimension; i++)
        {
            _query[i] = (sbyte)random.Next(-64, 65);
            _vector[i] = (sbyte)random.Next(-128, 128);
            _a[i] = (float)random.NextDouble();
            _b[i] = (float)random.NextDouble();
        }
    }

    [Benchmark(Baseline = true, Description = "int8 scalar reference")]
    public int Int8Scalar() => ScalarReference.DotInt8(_query, _vector);

    [Benchmark(Description = "int8 Vector128")]
    public int Int8Vector128() => Ssse3.IsSupported ? VectorKernels.DotInt8Vector128(_query, _vector) : 0;

    [Benchmark(Description = "int8 Vector256")]
    public int Int8Vector256() => Avx2.IsSupported ? VectorKernels.DotInt8Vector256(_query, _vector) : 0;

    [Benchmark(Description = "int8 Vector512")]
    public int Int8Vector512() => Avx512BW.IsSupported ? VectorKernels.DotInt8Vector512(_query, _vector) : 0;

    [Benchmark(Description = "float32 scalar reference")]
    public float FloatScalar() => ScalarReference.Dot(_a, _b);

    [Benchmark(Description = "float32 TensorPrimitives.Dot")]
    public float FloatTensorPrimitives() => TensorPrimitives.Dot(_a, _b);

    [Benchmark(Description = "float32 Vector512, four accumulators")]
    public float FloatFourAccumulators() => VectorKernels.Dot(_a, _b);
}
