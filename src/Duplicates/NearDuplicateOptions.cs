using System.Globalization;
using Retrieval.Errors;

namespace Retrieval.Duplicates;

/// <summary>How near-duplicates are told (configuration section <c>Retrieval:Duplicates</c>).</summary>
public sealed record NearDuplicateOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Retrieval:Duplicates";

    /// <summary>
    /// The aligned pixel similarity (<see cref="SignatureMatch"/>) from which two photos are copies of one shot. On
    /// the committed test set edited copies score from 0.95 and distinct photos, bursts included, up to 0.82 by the luminance alone.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(-1.0, 1.0)]
    public float MinSimilarity { get; set; } = 0.9f;

    /// <summary>
    /// Refuses a <see cref="MinSimilarity"/> a caller asks for that is outside -1 to 1 or NaN: the engine's one check,
    /// which the CLI and the server rely on rather than repeat.
    /// </summary>
    /// <exception cref="InvalidInputException">It is out of bounds; the message names the value.</exception>
    public static float CheckMinSimilarity(float value) => value is >= -1 and <= 1 ? value
        : throw new InvalidInputException("minSimilarity", string.Create(CultureInfo.InvariantCulture, $"minSimilarity must be a number from -1 to 1, not {value}"));

    /// <summary>How many nearest signatures each photo's candidate search keeps.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int Candidates { get; set; } = 8;

    /// <summary>The plain correlation (signature cosine) a candidate needs before it is aligned: every edited copy of the test set reaches it.</summary>
    public float CandidateFloor { get; set; } = 0.75f;
}
