namespace Retrieval.Search;

/// <summary>A photo's fused vector score, with what earned it: its caption closest to the query, and for a video its frame closest to it.</summary>
/// <param name="Score">The fused similarity.</param>
/// <param name="Caption">The caption item closest by meaning, when captions counted.</param>
/// <param name="Frame">The frame item that scored best, for a video.</param>
internal readonly record struct VectorScore(double Score, long? Caption, long? Frame);
