using System.Numerics.Tensors;

namespace Retrieval.Vectors.Kernels;

internal static partial class VectorKernels
{
    /// <summary>
    /// Symmetric int8 quantization of a stored vector with one scale per vector: <c>q[i] = round(v[i] / scale)</c>
    /// with <c>scale = max|v| / 127</c>, so <c>v ~ scale * q</c>. Returns the scale (0 for an all-zero vector).
    /// </summary>
    public static float QuantizeInt8(ReadOnlySpan<float> vector, Span<sbyte> quantized) => Quantize(vector, quantized, 127);

    /// <summary>
    /// Quantizes a query for <see cref="DotInt8"/>: symmetric, within ±<see cref="QueryLimit"/> (7 bits, so the
    /// kernels stay exact; the candidates are re-ranked in float32 anyway). Returns the scale.
    /// </summary>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<sbyte> quantized) => Quantize(query, quantized, QueryLimit);

    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> quantized, int limit)
    {
        var max = vector.IsEmpty ? 0f : Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (max == 0 || !float.IsFinite(max))
        {
            quantized[..vector.Length].Clear();
            return 0;
        }

        var inverse = limit / max;
        for (var i = 0; i < vector.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -limit, limit);
        }

        return max / limit;
    }
}
