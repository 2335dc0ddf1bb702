namespace Retrieval.Indexing;

/// <summary>Where an index run is.</summary>
public enum IndexPhase
{
    /// <summary>Walking the roots and comparing with the catalog.</summary>
    Scanning,

    /// <summary>Reading, decoding and embedding the photos that need it.</summary>
    Embedding,

    /// <summary>Finished.</summary>
    Done,
}
