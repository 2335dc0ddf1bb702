namespace Retrieval.Catalog;

/// <summary>What one index run found and did.</summary>
public sealed record IndexRunCounts
{
    private readonly Dictionary<string, int> _tallies = new(StringComparer.Ordinal);

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

    /// <summary>Files that became companions of a photo this run (a RAW beside its JPEG): kept as its files, not analysed.</summary>
    public int Companions { get; set; }

    /// <summary>Files that could not be read, this run.</summary>
    public int Failed { get; set; }

    /// <summary>Photos whose pixels were analysed (embedded) this run.</summary>
    public int Embedded { get; set; }

    /// <summary>What analyzers counted this run, by name (captions embedded, photos with text, near-duplicates of earlier photos, ...).</summary>
    public IReadOnlyDictionary<string, int> Tallies => _tallies;

    /// <summary>The tally of <paramref name="name"/> (0 when nothing was counted).</summary>
    public int TallyOf(string name) => _tallies.GetValueOrDefault(name);

    /// <summary>Adds <paramref name="count"/> to the tally of <paramref name="name"/>.</summary>
    public void Tally(string name, int count) => _tallies[name] = TallyOf(name) + count;
}
