using System.Numerics.Tensors;

namespace Retrieval.Vectors;

/// <summary>
/// The one rule that brings a vector to unit length, so a dot product is a cosine: encoder outputs, stored slots,
/// queries, a query less its excluded concepts, and a text and image query summed all go through it. A vector with
/// no direction — all zeros, or a length that is NaN or infinite (a NaN component, or components so large their
/// squares overflow) — becomes all zeros, not an error: it then scores 0 against everything, so one broken photo
/// or a query that cancels itself out ranks nothing above anything else instead of poisoning a ranking with NaN.
/// </summary>
internal static class UnitLength
{
    /// <summary>
    /// Writes <paramref name="source"/> at unit L2 length into <paramref name="target"/> (which may be the same
    /// memory), or zeros where it has no direction (all zeros, a NaN or infinite length).
    /// </summary>
    public static void Normalise(ReadOnlySpan<float> source, Span<float> target)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(source, norm, target);
        }
        else
        {
            target[..source.Length].Clear();
        }
    }

    /// <summary>Brings <paramref name="vector"/> to unit length in place (zeros where it has no direction), and returns it.</summary>
    public static float[] InPlace(float[] vector)
    {
        Normalise(vector, vector);
        return vector;
    }
}
