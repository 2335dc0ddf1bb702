namespace Retrieval.Evaluation;

/// <summary>The adaptive cut over an evaluation's queries: how often the answer survives it (percent), and how many photos a search keeps on average.</summary>
public sealed record CutReport(double AnswerKept, double MeanKept);
