using System.Numerics.Tensors;
using Retrieval.Models;
using Retrieval.Vectors;

namespace Retrieval.Search;

/// <summary>Embeds a parsed query with the index's model: the text, minus each excluded concept (as rclip does).</summary>
public static class QueryVectors
{
    /// <summary>The unit vector of <paramref name="query"/>'s text minus its excluded concepts, or null when it has no text; zeros when the concepts cancel it out (<see cref="UnitLength"/>).</summary>
    public static float[]? ForText(ClipModel model, ParsedQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(query);
        if (!query.HasText)
        {
            return null;
        }

        var vectors = model.Text.Encode([query.Text, .. query.ExcludedConcepts], cancellationToken);
        var vector = vectors[0];
        foreach (var concept in vectors.Skip(1))
        {
            TensorPrimitives.Subtract(vector, concept, vector);
        }

        return UnitLength.InPlace(vector);
    }
}
