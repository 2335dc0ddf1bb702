namespace Retrieval.Search;

/// <summary>How hybrid search fuses the vector and keyword rankings when a request gives no <c>alpha</c>.</summary>
public enum FusionMethod
{
    /// <summary>By the weight of the evidence (<see cref="EvidenceFusion"/>): the vector score, plus what the keyword matches are worth.</summary>
    Evidence,

    /// <summary>By reciprocal rank (<see cref="ReciprocalRankFusion"/>, k = 60).</summary>
    ReciprocalRank,
}
