using System.Numerics.Tensors;

namespace Retrieval.Vectors.Kernels;

internal static partial class VectorKernels
{
    /// <summary>
    /// Symmetric int8 quantization with one scale per vector: <c>q[i] = round(v[i] / scale)</c> with
    /// <c>scale = max|v| / 127</c>, so <c>v ~ scale * q</c>. Returns the scale (0 for an all-zero vector).
    /// </summary>
    public static float QuantizeInt8(ReadOnlySpan<float> vector, Span<sbyte> quantized)
    {
        var max = vector.IsEmpty ? 0f : TensorPrimitives.MaxMagnitude(vector);
        max = Math.Abs(max);
        if (max == 0 || !float.IsFinite(max))
        {
            quantized[..vector.Length].Clear();
            return 0;
        }

        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return max / 127f;
    }

    /// <summary>Quantizes a query and widens it to int16, the form <see cref="DotInt8"/> takes. Returns the scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> widened)
    {
        Span<sbyte> bytes = query.Length <= 4096 ? stackalloc sbyte[query.Length] : new sbyte[query.Length];
        var scale = QuantizeInt8(query, bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            widened[i] = bytes[i];
        }

        return scale;
    }
}
