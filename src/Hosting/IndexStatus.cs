using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>What an index holds: its counts and model, its last run, (when asked) every failure, and its searchable photos by format.</summary>
public sealed record IndexStatus(
    string Root,
    string? Model,
    CatalogCounts Counts,
    (string Started, string? Finished, string? Outcome)? LastRun,
    IReadOnlyList<(string Path, string Reason)>? Failures)
{
    /// <summary>The searchable photos by the format their bytes are in (jpeg, heic, cr2, ...), most first.</summary>
    public IReadOnlyList<(string Format, long Photos)> Formats { get; init; } = [];

    /// <summary>The FFmpeg that reads videos; null when it is not installed.</summary>
    public string? Ffmpeg { get; init; }

    /// <summary>The videos not indexed because FFmpeg is missing (read on the next run once it is installed).</summary>
    public long VideosWaitingForFfmpeg { get; init; }
}
