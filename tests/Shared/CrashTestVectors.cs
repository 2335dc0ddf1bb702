using System.Numerics.Tensors;

namespace Retrieval.Testing;

/// <summary>The vectors of the crash-safety tests: each a pure function of its id, so survivors can be checked.</summary>
internal static class CrashTestVectors
{
    public const int Dimension = 32;

    public static void Fill(long id, Span<float> vector)
    {
        var random = new Random((int)(id * 2654435761L % int.MaxValue));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
    }
}
