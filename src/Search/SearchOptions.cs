using System.ComponentModel.DataAnnotations;

namespace Retrieval.Search;

/// <summary>How searches rank.</summary>
public sealed class SearchOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Search";

    /// <summary>How many photos a search returns when it does not say (1 to <see cref="SearchLimits.MaxResults"/>).</summary>
    [Range(1, SearchLimits.MaxResults)]
    public int DefaultResults { get; set; } = 20;

    /// <summary>How many captions image-to-text returns when it does not say (1 to <see cref="SearchLimits.MaxResults"/>).</summary>
    [Range(1, SearchLimits.MaxResults)]
    public int DefaultCaptions { get; set; } = 5;

    /// <summary>
    /// The weight of a photo's captions in its text-to-image score: <c>score = (1 - w) x image similarity +
    /// w x best caption similarity</c> for a photo with captions, the image similarity alone for one without.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CaptionWeight { get; set; } = 0.3;

    /// <summary>How many candidates per result each ranking contributes before fusion.</summary>
    [Range(1, 100)]
    public int CandidatesPerResult { get; set; } = 4;

    /// <summary>
    /// The adaptive cut (when a search gives no minimum score): results whose vector score is below this
    /// fraction of the best result's are dropped, unless keywords match them well (see <see cref="AdaptiveCut"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AdaptiveCutRatio { get; set; } = 0.5;

    /// <summary>Threads one search's vector scan may use (a server runs many searches at once).</summary>
    [Range(0, 256)]
    public int ScanThreads { get; set; }
}
