namespace Retrieval.Text.Pipeline;

/// <summary>What a split does with the matches that delimit pieces (Hugging Face's <c>SplitDelimiterBehavior</c>).</summary>
public enum SplitBehavior
{
    /// <summary>Matches are dropped.</summary>
    Removed,

    /// <summary>Each match is a piece of its own.</summary>
    Isolated,

    /// <summary>A match ends the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>A match starts the piece after it.</summary>
    MergedWithNext,

    /// <summary>Consecutive matches form one piece.</summary>
    Contiguous,
}
