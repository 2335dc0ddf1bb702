namespace Retrieval.Vectors.Kernels;

/// <summary>The definitions every vectorised kernel is tested against: plain loops, no tricks.</summary>
internal static class ScalarReference
{
    public static int DotInt8(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> vector)
    {
        var sum = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            sum += query[i] * vector[i];
        }

        return sum;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return (float)sum;
    }
}
