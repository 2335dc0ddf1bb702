namespace Retrieval.Catalog;

/// <summary>What one index run found and did.</summary>
public sealed record IndexRunCounts
{
    /// <summary>Image files found under the roots.</summary>
    public int Found { get; set; }

    /// <summary>Files new to the catalog.</summary>
    public int Added { get; set; }

    /// <summary>Known files whose bytes changed.</summary>
    public int Changed { get; set; }

    /// <summary>Known photos found at a new path (same bytes): nothing re-embedded.</summary>
    public int Moved { get; set; }

    /// <summary>Photos whose files are gone.</summary>
    public int Removed { get; set; }

    /// <summary>New files with the same bytes as a photo already indexed.</summary>
    public int Duplicates { get; set; }

    /// <summary>Files that could not be read, this run.</summary>
    public int Failed { get; set; }

    /// <summary>Photos embedded this run.</summary>
    public int Embedded { get; set; }

    /// <summary>Captions embedded this run.</summary>
    public int CaptionsEmbedded { get; set; }

    /// <summary>Photos in which text was read (OCR found at least one line).</summary>
    public int WithText { get; set; }

    /// <summary>Photos embedded this run found, as they were indexed, to repeat an earlier-indexed photo (edited copies of one shot).</summary>
    public int NearDuplicates { get; set; }
}
