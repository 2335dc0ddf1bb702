using System.Numerics.Tensors;

namespace Retrieval.Search;

/// <summary>
/// What a search asks for: a text (matched by keywords, and by meaning through its embedding) and/or an
/// image's embedding. Given both, the vector query is the normalised sum of the two unit vectors: "this
/// photo, but at night".
/// </summary>
public sealed record PhotoQuery(string? Text, float[]? TextVector, float[]? ImageVector)
{
    /// <summary>The vector to rank by, or null for a keywords-only query.</summary>
    public float[]? Vector()
    {
        if (TextVector is null || ImageVector is null)
        {
            return TextVector ?? ImageVector;
        }

        var sum = new float[TextVector.Length];
        TensorPrimitives.Add(TextVector, ImageVector, sum);
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }
}
