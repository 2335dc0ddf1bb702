using System.Numerics.Tensors;
using Retrieval.Vectors;

namespace Retrieval.Search;

/// <summary>
/// One search: the parsed query and its embedding, and/or an image's embedding (given both, the vector query is
/// the normalised sum of the two unit vectors: "this photo, but at night"); how to rank, how many, from where,
/// and where to cut. Embedding is the caller's (<see cref="QueryVectors"/>), so the model loads once per process.
/// </summary>
public sealed record SearchRequest
{
    /// <summary>What was asked, parsed.</summary>
    public ParsedQuery Query { get; init; } = new();

    /// <summary>The embedding of <see cref="ParsedQuery.Text"/> (excluded concepts subtracted), or null.</summary>
    public float[]? TextVector { get; init; }

    /// <summary>An image's embedding, or null.</summary>
    public float[]? ImageVector { get; init; }

    /// <summary>Vector, keyword or both fused.</summary>
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    /// <summary>How many results to return, 1 to <see cref="SearchLimits.MaxResults"/>.</summary>
    public int K { get; init; } = 20;

    /// <summary>How many of the ranked results to skip (paging).</summary>
    public int Offset { get; init; }

    /// <summary>
    /// Hybrid fusion by weighted scores instead of reciprocal rank: <c>alpha x vector + (1 - alpha) x keyword</c>,
    /// each min-max normalised over its ranking's candidates. Null: reciprocal rank fusion.
    /// </summary>
    public double? Alpha { get; init; }

    /// <summary>
    /// Results scoring below this (the score they are ranked by) are dropped; null: the adaptive cut for text
    /// queries, none for image-only ones (photo-to-photo scores cut at half the best would keep only near-copies).
    /// </summary>
    public double? MinScore { get; init; }

    /// <summary>Photos never to return (the photo a "similar" search starts from).</summary>
    public IReadOnlySet<long> Exclude { get; init; } = new HashSet<long>();

    /// <summary>The vector to rank by, or null for a keywords-only query; two that cancel out sum to zeros (<see cref="UnitLength"/>).</summary>
    public float[]? Vector()
    {
        if (TextVector is null || ImageVector is null)
        {
            return TextVector ?? ImageVector;
        }

        var sum = new float[TextVector.Length];
        TensorPrimitives.Add(TextVector, ImageVector, sum);
        return UnitLength.InPlace(sum);
    }
}
