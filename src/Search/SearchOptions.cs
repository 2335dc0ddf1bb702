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

    /// <summary>How hybrid fuses its rankings when a request gives no <c>alpha</c>: by the weight of the evidence, or by reciprocal rank.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Evidence;

    /// <summary>Evidence fusion: what a keyword match in the captions (or the camera) adds, at full strength (see <see cref="EvidenceFusion"/>).</summary>
    [Range(0.0, 10.0)]
    public double TextWeight { get; set; } = 0.2;

    /// <summary>Evidence fusion: what the words a person gave a photo — its file and folder names, its own tags — add, times the share of the query's words they hold.</summary>
    [Range(0.0, 10.0)]
    public double NameWeight { get; set; } = 0.5;

    /// <summary>
    /// Evidence fusion: what the text read in a photo (OCR) adds, times the share of the query's words it holds: the words
    /// are literally in the photo, as strong as a name holding them (a screenshot's booking number, a sign's name).
    /// </summary>
    [Range(0.0, 10.0)]
    public double PhotoTextWeight { get; set; } = 0.5;

    /// <summary>
    /// Evidence fusion: what an automatic tag adds, times its probability. 0 by default: on Flickr8k dev and
    /// coco-train-mini the tags add nothing the default model's label route does not already give (they still match in
    /// keyword mode and are shown in why a photo matched).
    /// </summary>
    [Range(0.0, 10.0)]
    public double TagWeight { get; set; }

    /// <summary>Evidence fusion: the BM25 score that counts as a full-strength text match, so one weak match is not taken for a strong one.</summary>
    [Range(0.0, 1000.0)]
    public double TextScoreFloor { get; set; } = 10;

    /// <summary>How many candidates per result each ranking contributes before fusion.</summary>
    [Range(1, 100)]
    public int CandidatesPerResult { get; set; } = 4;

    /// <summary>
    /// The adaptive cut (when a search gives no minimum score): results whose vector score is below this
    /// fraction of the best result's are dropped, unless keywords match them well (see <see cref="AdaptiveCut"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AdaptiveCutRatio { get; set; } = 0.48;

    /// <summary>Threads one search's vector scan may use (a server runs many searches at once).</summary>
    [Range(0, 256)]
    public int ScanThreads { get; set; }
}
