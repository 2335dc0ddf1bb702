namespace Retrieval.Evaluation;

/// <summary>An evaluation's result: what was measured, and recall in both directions.</summary>
public sealed record EvaluationReport(string Model, string Mode, int Photos, int Captions, RecallReport TextToImage, RecallReport ImageToText);
