namespace Retrieval.Evaluation;

/// <summary>An evaluation's result: what was measured (and how many captions of each photo were indexed with it), and recall in both directions.</summary>
public sealed record EvaluationReport(string Model, string Mode, int Photos, int Captions, RecallReport TextToImage, RecallReport ImageToText)
{
    /// <summary>How many captions of each photo were indexed with it (0: all withheld, the standard protocol).</summary>
    public int IndexedCaptions { get; init; }

    /// <summary>Where results stop without a minimum score (the adaptive cut), over the same queries.</summary>
    public CutReport? Cut { get; init; }
}
