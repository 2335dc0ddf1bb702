namespace Retrieval.Models.Download;

/// <summary>A download's progress: the file under way, and bytes done of the total so far known.</summary>
public readonly record struct DownloadProgress(string File, long Done, long Total);
