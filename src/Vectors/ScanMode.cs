namespace Retrieval.Vectors;

/// <summary>How a search compares the query with the stored vectors.</summary>
public enum ScanMode
{
    /// <summary>Scan the int8 copies (a quarter of the bytes), then re-rank the best candidates exactly in float32.</summary>
    Int8Rerank,

    /// <summary>Scan the float32 vectors: exact, four times the memory traffic.</summary>
    ExactFloat32,
}
