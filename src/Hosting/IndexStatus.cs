using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>What an index holds: its counts and model, its last run, and (when asked) every failure.</summary>
public sealed record IndexStatus(
    string Root,
    string? Model,
    CatalogCounts Counts,
    (string Started, string? Finished, string? Outcome)? LastRun,
    IReadOnlyList<(string Path, string Reason)>? Failures);
